using Lef.Infra.Dsl;

namespace TestTopology;

public static class DnsViews
{
    public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8", "172.16.0.0/12"], Kind: ViewKind.Internal);

    // Narrower than Internal, so BIND tries it first: clients on 10.21.0.0/16 see this view only.
    public static readonly DnsView Backup = new("backup", new[] { "10.21.0.0/16" }, ViewKind.Internal);

    public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);
}
