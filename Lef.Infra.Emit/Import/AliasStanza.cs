using System.Collections.Generic;
using System.Globalization;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// An <c>iface ens18:&lt;n&gt; inet static</c> stanza: one VIP bound as an alias. <paramref name="Address"/> is kept as written
/// (a malformed one is for the analyzer to report, LEF0013); <paramref name="Prefix"/> is null when neither a netmask nor
/// a CIDR suffix gives it. A <paramref name="Secondary"/> address (a further <c>iface ens18 inet static</c> stanza, or a further
/// <c>address</c> line) is no alias yet: its <paramref name="Alias"/> is 0 until the import numbers it.
/// </summary>
internal sealed record AliasStanza(
    string ProxyHost,
    string Interface,
    int Alias,
    string Address,
    int? Prefix,
    ConfigSite Site,
    string? VipField,
    IReadOnlyList<string> Comments,
    IReadOnlyList<ImportFinding> Todos,
    bool Secondary = false)
{
    public string Name => Secondary && Alias == 0 ? Interface + " (secondary address " + Address + ")" : Interface + ":" + Alias.ToString(CultureInfo.InvariantCulture);
}
