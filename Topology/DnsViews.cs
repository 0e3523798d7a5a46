using Lef.Infra.Dsl;

namespace Topology;

// EXAMPLE split-horizon views for db.lef on dns.core.lef. Replace with the real ones.
public static class DnsViews
{
    // The Core LAN: every endpoint is published here unless it lists its views.
    public static readonly DnsView Internal = new(
        Name: "internal",
        MatchClients: ["10.0.0.0/8"],
        Kind: ViewKind.Internal);

    // Everyone else. The VIPs are private, so no endpoint may be published here (LEF0015): outside, db.lef names do not resolve.
    public static readonly DnsView External = new(
        Name: "external",
        MatchClients: ["any"],
        Kind: ViewKind.External);
}
