using Lef.Infra.Dsl;

namespace Rehearsal;

// Split horizon, as on dns.core.lef: the rehearsal's client is answered from the internal view, anyone else from the external one.
public static class DnsViews
{
    // The client host asks from 198.18.2.10: every endpoint is published here.
    public static readonly DnsView Internal = new(
        Name: "internal",
        MatchClients: ["198.18.2.10/32"],
        Kind: ViewKind.Internal);

    // No endpoint is published here: db.lef names do not resolve outside.
    public static readonly DnsView External = new(
        Name: "external",
        MatchClients: ["any"],
        Kind: ViewKind.External);
}
