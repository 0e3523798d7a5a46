using System;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// The "TCP proxy (facts)" table the runbook asks to update by hand: one Markdown row per endpoint port. A plain table
/// under an HTML comment, so a docs site can include the file as it is.
/// </summary>
internal static class FactsTableWriter
{
    public const string FileName = "tcp-proxy-facts.md";

    public static string Write(TopologyModel model) =>
        "<!-- " + GeneratedHeader.Text + " -->\n\n" + Table(model);

    /// <summary>The table alone: also what <c>list</c> prints.</summary>
    public static string Table(TopologyModel model)
    {
        var text = new Text()
            .Line("| Endpoint | VIP | Alias | Port | Engine | Backend | DNS views |")
            .Line("| --- | --- | --- | --- | --- | --- | --- |");
        var rows = model.Endpoints
            .OrderBy(e => e.Name!.ToLowerInvariant(), StringComparer.Ordinal)
            .ThenBy(e => e.Port)
            .ThenBy(e => e.Key, StringComparer.Ordinal);
        foreach (var endpoint in rows)
        {
            var vip = model.VipOf(endpoint)!;
            var pool = model.PoolOf(vip)!;
            text.Line("| " + string.Join(
                " | ",
                Cell(endpoint.Name!.ToLowerInvariant() + "." + ZoneWriter.Origin),
                Cell(vip.Address!),
                Cell(pool.Host + " " + pool.Interface + ":" + Number(vip.Alias!.Value)),
                Number(endpoint.Port!.Value),
                EngineName(endpoint.Engine),
                Cell(endpoint.BackendHost + ":" + Number(endpoint.BackendPort!.Value)),
                Cell(Views(model, endpoint))) + " |");
        }

        return text.ToString();
    }

    public static string EngineName(Engine? engine) => engine switch
    {
        Engine.SqlServer => "SQL Server",
        Engine.PostgreSql => "PostgreSQL",
        _ => "TCP",
    };

    /// <summary>The views that publish the endpoint, in match order; "all clients" when no view is declared.</summary>
    public static string Views(TopologyModel model, EndpointDeclaration endpoint) =>
        model.Views.Count == 0 ? "all clients" : string.Join(", ", model.ViewsOf(endpoint).Select(v => v.Name));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A pipe would end the cell early; names are validated, this is a second line of defence.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);
}
