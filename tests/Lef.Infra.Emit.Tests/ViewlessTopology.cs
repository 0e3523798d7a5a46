using System.Collections.Generic;
using Lef.Infra.Testing;

namespace Lef.Infra.Emit.Tests;

/// <summary>A small topology that declares no DNS view: db.lef is one zone outside any view, as before views existed.</summary>
internal static class ViewlessTopology
{
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>
    {
        ["Pools.cs"] = """
            using Lef.Infra.Dsl;
            namespace Viewless;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
            }
            """,
        ["Vips.cs"] = """
            using Lef.Infra.Dsl;
            namespace Viewless;
            public static class Vips
            {
                public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
                public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
            }
            """,
        ["Endpoints.cs"] = """
            using Lef.Infra.Dsl;
            namespace Viewless;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: 1433));
                public static readonly Endpoint Crm = new(Name: "crm", Vip: Vips.Crm, Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-crm-01.core.lef", Port: 5432));
            }
            """,
    };

    /// <summary>Compiles the topology (the caller disposes it) and emits it into <paramref name="outDirectory"/>.</summary>
    public static (TopologySources Sources, ToolResult Result) Emit(string outDirectory)
    {
        var sources = TopologySources.Compile(Files);
        return (sources, Emitter.Run("emit", "--topology", sources.Directory, "--out", outDirectory));
    }
}
