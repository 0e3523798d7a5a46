using System;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>The <c>db.lef</c> zone: one A record per endpoint name, pointing at its VIP (the runbook's DNS step).</summary>
internal static class ZoneWriter
{
    public const string Origin = "db.lef";
    public const string PrimaryNameServer = "dns.core.lef.";
    public const string Hostmaster = "hostmaster.core.lef.";

    public static string Write(TopologyModel model, uint serial)
    {
        var text = new Text()
            .Line("; " + GeneratedHeader.Text)
            .Line("$ORIGIN " + Origin + ".")
            .Line("$TTL 300")
            .Line("@ IN SOA " + PrimaryNameServer + " " + Hostmaster + " (")
            .Line("    " + serial.ToString(CultureInfo.InvariantCulture) + " ; serial")
            .Line("    3600 ; refresh")
            .Line("    600 ; retry")
            .Line("    1209600 ; expire")
            .Line("    300 ; negative TTL")
            .Line("    )")
            .Line("@ IN NS " + PrimaryNameServer)
            .Line();
        foreach (var record in ARecords(model))
        {
            text.Line(record.Name + " IN A " + record.Address);
        }

        return text.ToString();
    }

    /// <summary>One record per name (lower case: DNS is case-insensitive); endpoints sharing a name share its VIP (LEF0005).</summary>
    public static (string Name, string Address)[] ARecords(TopologyModel model) =>
        model.Endpoints
            .Select(e => (Name: e.Name!.ToLowerInvariant(), Address: model.VipOf(e)!.Address!))
            .Distinct()
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToArray();
}
