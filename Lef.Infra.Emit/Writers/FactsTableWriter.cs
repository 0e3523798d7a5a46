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
            var backend = model.ClusterOf(endpoint) is { } cluster ? ClusterBackend(endpoint, cluster) : endpoint.BackendHost + ":" + Number(endpoint.BackendPort!.Value);
            text.Line($"| {Cell(endpoint.Name!.ToLowerInvariant())}.{ZoneWriter.Origin} | {Cell(vip.Address!)} | {Cell(model.OwnerOf(pool) ?? string.Empty)} {Cell(pool.Interface ?? string.Empty)}:{vip.Alias} | {endpoint.Port} | {EngineName(model.EngineOf(endpoint))} | {Cell(backend)} | {Cell(Views(model, endpoint))} |");
        }

        if (model.Pairs.Count > 0)
        {
            WritePairs(model, text);
        }

        if (model.Clusters.Count > 0)
        {
            WriteClusters(model, text);
        }

        return text.ToString();
    }

    /// <summary>The Backend cell of an endpoint on a cluster: which nodes it routes to, and how HAProxy knows.</summary>
    private static string ClusterBackend(EndpointDeclaration endpoint, ClusterDeclaration cluster)
    {
        var role = endpoint.Role ?? ClusterRole.Primary;
        var who = role switch
        {
            ClusterRole.Primary => "the primary",
            ClusterRole.Replica => "replicas" + (endpoint.MaxLagBytes is > 0 ? " at most " + Number(endpoint.MaxLagBytes.Value) + " bytes behind" : string.Empty),
            _ => "any node",
        };
        return "cluster " + cluster.Name + ": " + who + " (" + HaproxyConfigWriter.RoleCheckText(cluster, role, endpoint.MaxLagBytes) + ")";
    }

    /// <summary>Each cluster's servers, as HAProxy names them, with their checks and the endpoints that route there.</summary>
    private static void WriteClusters(TopologyModel model, Text text)
    {
        text.Line()
            .Line("| Cluster | Server | Address | Engine | Role check | Endpoints |")
            .Line("| --- | --- | --- | --- | --- | --- |");
        foreach (var cluster in model.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var endpoints = string.Join(", ", model.Endpoints.Where(e => ReferenceEquals(model.ClusterOf(e), cluster))
                .Select(e => e.Name!.ToLowerInvariant() + "." + ZoneWriter.Origin + ":" + Number(e.Port!.Value) + " (" + (e.Role ?? ClusterRole.Primary).ToString().ToLowerInvariant() + ")")
                .Order(StringComparer.Ordinal));
            var nodes = cluster.Nodes!;
            for (var i = 0; i < nodes.Count; i++)
            {
                text.Line("| " + string.Join(
                    " | ",
                    Cell(cluster.Name!),
                    Cell(HaproxyConfigWriter.ServerName(cluster, i)),
                    Cell(nodes[i].Host + ":" + Number(nodes[i].Port!.Value)),
                    EngineName(cluster.Engine),
                    cluster.Check switch
                    {
                        RoleCheck.PatroniRest => "Patroni's REST paths on " + Number(nodes[i].CheckPort!.Value),
                        RoleCheck.GaleraClustercheck => "clustercheck on " + Number(nodes[i].CheckPort!.Value),
                        RoleCheck.RedisReplication => "INFO replication on the service port",
                        _ => "none (engine check)",
                    },
                    Cell(endpoints)) + " |");
            }
        }
    }

    /// <summary>Which node of each pair holds the VIPs while both run, and what moves them.</summary>
    private static void WritePairs(TopologyModel model, Text text)
    {
        text.Line()
            .Line("| Pair | Node | Address | Priority | Holds the VIPs | VRID | Advert | Fail-back |")
            .Line("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var pair in model.Pairs.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var (host, address, priority, master) in new[]
            {
                (pair.FirstHost, pair.FirstAddress, pair.FirstPriority, pair.FirstIsMaster),
                (pair.SecondHost, pair.SecondAddress, pair.SecondPriority, !pair.FirstIsMaster),
            }.OrderBy(n => n.Item4 ? 0 : 1))
            {
                text.Line("| " + string.Join(
                    " | ",
                    Cell(pair.Name!),
                    Cell(host!),
                    Cell(address!),
                    Number(priority!.Value),
                    master ? "master: while it runs HAProxy and is not in maintenance" : "backup: when the master fails" + (pair.FailBack == FailBack.Stay ? ", and keeps them" : ", until it is back"),
                    Number(pair.VirtualRouterId!.Value),
                    KeepalivedConfigWriter.Seconds(pair.AdvertIntervalMs!.Value) + " s",
                    pair.FailBack == FailBack.Stay ? "stay (nopreempt)" : "preempt") + " |");
            }
        }
    }

    public static string EngineName(Engine? engine) => engine switch
    {
        Engine.SqlServer => "SQL Server",
        Engine.PostgreSql => "PostgreSQL",
        Engine.MySql => "MySQL",
        Engine.Redis => "Redis",
        _ => "TCP",
    };

    /// <summary>The views that publish the endpoint, in match order; "all clients" when no view is declared.</summary>
    public static string Views(TopologyModel model, EndpointDeclaration endpoint) =>
        model.Views.Count == 0 ? "all clients" : string.Join(", ", model.ViewsOf(endpoint).Select(v => v.Name));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A pipe would end the cell early; names are validated, this is a second line of defence.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);
}
