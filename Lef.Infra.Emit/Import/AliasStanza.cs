using System.Collections.Generic;
using System.Globalization;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// An <c>iface ens18:&lt;n&gt; inet static</c> stanza: one VIP bound as an alias. <paramref name="Address"/> is kept as written
/// (a malformed one is for the analyzer to report, LEF0013); <paramref name="Prefix"/> is null when neither a netmask nor
/// a CIDR suffix gives it.
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
    IReadOnlyList<ImportFinding> Todos)
{
    public string Name => Interface + ":" + Alias.ToString(CultureInfo.InvariantCulture);
}
