using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>A <c>db.lef</c> zone: one A record per endpoint name, pointing at its VIP (the runbook's DNS step), for one view or for all clients.</summary>
internal static class ZoneWriter
{
    public const string Origin = "db.lef";
    public const string PrimaryNameServer = DnsLayout.Host + ".";
    public const string Hostmaster = "hostmaster.core.lef.";

    /// <param name="records">The A records, from <see cref="ARecords"/>.</param>
    /// <param name="serial">The SOA serial, from <see cref="ZoneSerial.Choose"/>.</param>
    /// <param name="view">The view the zone is for; null when no view is declared.</param>
    public static string Write(IReadOnlyList<(string Name, string Address)> records, uint serial, ViewDeclaration? view)
    {
        var number = serial.ToString(CultureInfo.InvariantCulture);
        var text = new Text()
            .Line("; " + GeneratedHeader.Text)
            .Line(view is null
                ? "; For every client (no DNS views are declared)."
                : "; View \"" + view.Name + "\" (" + view.Field + ", " + Kind(view) + "): clients " + string.Join(" ", view.MatchClients!) + ".")
            .Line("; Serial " + number + ": kept while this zone is unchanged, bumped when it changes.")
            .Line("$ORIGIN " + Origin + ".")
            .Line("$TTL 300")
            .Line("@ IN SOA " + PrimaryNameServer + " " + Hostmaster + " (")
            .Line("    " + number + " ; serial")
            .Line("    3600 ; refresh")
            .Line("    600 ; retry")
            .Line("    1209600 ; expire")
            .Line("    300 ; negative TTL")
            .Line("    )")
            .Line("@ IN NS " + PrimaryNameServer)
            .Line();
        foreach (var record in records)
        {
            text.Line($"{record.Name} IN A {record.Address}");
        }

        return text.ToString();
    }

    /// <summary>
    /// One record per name (lower case: DNS is case-insensitive) among the endpoints a view publishes, or all endpoints when
    /// <paramref name="view"/> is null; endpoints sharing a name share its VIP (LEF0005).
    /// </summary>
    public static (string Name, string Address)[] ARecords(TopologyModel model, ViewDeclaration? view) =>
        model.Endpoints
            .Where(e => view is null || model.Publishes(view, e))
            .Select(e => (Name: e.Name!.ToLowerInvariant(), Address: model.VipOf(e)!.Address!))
            .Distinct()
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToArray();

    public static string Kind(ViewDeclaration view) => view.Kind == Dsl.ViewKind.External ? "external" : "internal";
}
