namespace Lef.Infra.Analyzers.Tests;

/// <summary>Topology files the DNS view tests share: a private and a public pool, their VIPs, and an internal and an external view.</summary>
internal static class ViewSources
{
    public const string Pools = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Pools
        {
            public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
            public static readonly VipPool Public = new(Host: "proxy.core.lef", Interface: "ens19", Network: "198.51.100.0/24", First: "198.51.100.10", Last: "198.51.100.20");
        }
        """;

    public const string Vips = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Vips
        {
            public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
            public static readonly Vip Portal = new(Pool: Pools.Public, Address: "198.51.100.10", Alias: 1);
        }
        """;

    public const string Views = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class DnsViews
        {
            public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8"], Kind: ViewKind.Internal);
            public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);
        }
        """;

    /// <summary>An endpoint field on the given VIP field, with extra arguments (e.g. <c>, Views: [...]</c>) appended.</summary>
    public static string Endpoint(string field, string vip, string more = "") =>
        "public static readonly Endpoint " + field + " = new(Name: \"" + field.ToLowerInvariant() + "\", Vip: " + vip
        + ", Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"pg-" + field.ToLowerInvariant() + ".core.lef\", Port: 5432)" + more + ");";
}
