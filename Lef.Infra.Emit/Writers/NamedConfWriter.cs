using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// The named.conf fragment dns.core.lef includes: one view per declared DNS view, most specific first (BIND answers a client
/// from the first view that matches it), each holding its own db.lef zone; or, with no views, the one zone statement.
/// </summary>
internal static class NamedConfWriter
{
    public static string WriteViews(TopologyModel model)
    {
        var text = new Text()
            .Line("// " + GeneratedHeader.Text)
            .Line("// Split-horizon views for " + ZoneWriter.Origin + ". Include at the top level of named.conf on " + DnsLayout.Host + ":")
            .Line("//     include \"" + DnsLayout.LiveDirectory + "/" + DnsLayout.ViewsFragment + "\";")
            .Line("// With views, every zone must be inside a view: named.conf's other zones must move into views too.")
            .Line("// BIND answers a client from the first view that matches it: views are listed most specific first.");
        foreach (var view in model.ViewsInMatchOrder)
        {
            var names = ZoneWriter.ARecords(model, view).Length;
            text.Line()
                .Line("// " + view.Field + ": " + ZoneWriter.Kind(view) + ", " + names.ToString(CultureInfo.InvariantCulture) + (names == 1 ? " name" : " names"))
                .Line("view \"" + view.Name + "\" {")
                .Line("    match-clients { " + string.Join(" ", view.MatchClients!.Select(c => c + ";")) + " };");
            Zone(text, "    ", DnsLayout.ZoneFile(view.Name));
            text.Line("};");
        }

        return text.ToString();
    }

    public static string WriteZone()
    {
        var text = new Text()
            .Line("// " + GeneratedHeader.Text)
            .Line("// The " + ZoneWriter.Origin + " zone (no DNS views are declared). Include at the top level of named.conf on " + DnsLayout.Host + ":")
            .Line("//     include \"" + DnsLayout.LiveDirectory + "/" + DnsLayout.ZoneFragment + "\";")
            .Line();
        Zone(text, string.Empty, DnsLayout.ZoneFile(null));
        return text.ToString();
    }

    private static void Zone(Text text, string indent, string file) =>
        text.Line(indent + "zone \"" + ZoneWriter.Origin + "\" {")
            .Line(indent + "    type primary;")
            .Line(indent + "    file \"" + DnsLayout.LiveDirectory + "/" + file + "\";")
            .Line(indent + "};");
}
