using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// The model as plain text, one declaration per line with file:line: what a reviewer reads to see what a reader parsed,
/// and what the test comparing the two readers compares.
/// </summary>
public static class ModelDump
{
    /// <param name="model">The model.</param>
    /// <param name="withArgumentSites">Also list where each argument is written (line:column), for comparing readers.</param>
    public static string Write(TopologyModel model, bool withArgumentSites = false)
    {
        var text = new StringBuilder();
        foreach (var pool in model.Pools)
        {
            Line(text, pool, "pool host=" + pool.Host + (pool.PairKey is { } pair ? " pair=" + pair : string.Empty) + " interface=" + pool.Interface + " network=" + pool.Network + " first=" + pool.First + " last=" + pool.Last);
        }

        foreach (var vip in model.Vips)
        {
            Line(text, vip, "vip pool=" + vip.PoolKey + " address=" + vip.Address + " alias=" + Number(vip.Alias));
        }

        foreach (var endpoint in model.Endpoints)
        {
            Line(text, endpoint, "endpoint name=" + endpoint.Name + " vip=" + endpoint.VipKey + " port=" + Number(endpoint.Port)
                + " engine=" + endpoint.Engine + " backend=" + endpoint.BackendHost + ":" + Number(endpoint.BackendPort)
                + " views=" + (endpoint.ViewKeys is { } views ? List(views) : "(internal)")
                + (endpoint.ClusterKey is { } cluster ? " cluster=" + cluster + " role=" + endpoint.Role + " max-lag=" + Number(endpoint.MaxLagBytes) : string.Empty));
        }

        foreach (var view in model.Views)
        {
            Line(text, view, "view name=" + view.Name + " kind=" + view.Kind + " match-clients=" + (view.MatchClients is { } clients ? List(clients) : "?"));
        }

        foreach (var pair in model.Pairs)
        {
            Line(text, pair, "pair name=" + pair.Name + " first=" + pair.FirstHost + "/" + pair.FirstAddress + "/" + Number(pair.FirstPriority)
                + " second=" + pair.SecondHost + "/" + pair.SecondAddress + "/" + Number(pair.SecondPriority) + " interface=" + pair.Interface
                + " vrid=" + Number(pair.VirtualRouterId) + " advert-ms=" + Number(pair.AdvertIntervalMs)
                + " peers=" + (pair.UnicastPeers is { } peers ? List(peers) : "?") + " fail-back=" + pair.FailBack);
        }

        foreach (var cluster in model.Clusters)
        {
            Line(text, cluster, "cluster name=" + cluster.Name + " engine=" + cluster.Engine + " check=" + cluster.Check + " on-marked-down=" + cluster.OnMarkedDown
                + " nodes=" + (cluster.Nodes is { } nodes ? List(nodes.Select(n => n.Host + ":" + Number(n.Port) + "/" + Number(n.CheckPort))) : "?"));
        }

        if (withArgumentSites)
        {
            foreach (var declaration in model.Pools.Concat<Declaration>(model.Vips).Concat(model.Endpoints).Concat(model.Views).Concat(model.Pairs).Concat(model.Clusters))
            {
                foreach (var (argument, site) in declaration.ArgumentSites.All.OrderBy(a => a.Argument, StringComparer.Ordinal))
                {
                    text.Append(declaration.Key).Append('.').Append(argument).Append(" @ ").Append(Position(site)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Position(SourceSite site) =>
        site.FileName + ":" + Number(site.Line) + ":" + Number(site.Column) + "+" + Number(site.Length);

    private static void Line(StringBuilder text, Declaration declaration, string values) =>
        text.Append(declaration.Key).Append(" @ ").Append(Position(declaration.Site)).Append(": ").Append(values).Append('\n');

    private static string List(IEnumerable<string?> items) => "[" + string.Join(",", items.Select(i => i ?? "?")) + "]";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
