using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0027: one server (host and port) said to speak two engines: in two clusters of different engines, or in a cluster
/// and behind a single-backend endpoint of another engine. One of them is a mistake in the estate, and its check would
/// mark it down or, worse, pass.
/// </summary>
public static class ServerOfTwoEnginesRule
{
    public const string Id = RuleIds.ServerOfTwoEngines;
    public const string Title = "Server of two engines";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        // Without clusters every server is a single backend: nothing to compare, and nothing to cost a keystroke.
        if (model.Clusters.Count == 0)
        {
            return;
        }

        var servers = Servers(model).GroupBy(s => (Host: s.Host.ToLowerInvariant(), s.Port));
        foreach (var server in servers)
        {
            var engines = server.Select(s => s.Engine).Distinct().ToList();
            if (engines.Count < 2)
            {
                continue;
            }

            var first = server.First();
            foreach (var other in server.Where(s => s.Engine != first.Engine).GroupBy(s => s.Owner.Key).Select(g => g.First()))
            {
                sink.Add(new Violation(Id, other.Owner.Key, other.Site,
                    first.Host + ":" + first.Port + " is a " + other.Engine + " server in " + other.Owner.Field + " but a " + first.Engine + " server in "
                    + first.Owner.Describe() + "; one server speaks one engine, so one of them names the wrong server",
                    [first.Site]));
            }
        }
    }

    private static IEnumerable<Server> Servers(TopologyModel model)
    {
        foreach (var cluster in model.Clusters)
        {
            if (cluster.Engine is not { } engine || cluster.Nodes is not { } nodes)
            {
                continue;
            }

            foreach (var node in nodes)
            {
                if (node.Host is { } host && node.Port is { } port)
                {
                    yield return new Server(host, port, engine, cluster, cluster.SiteOf(node.Argument));
                }
            }
        }

        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.ClusterKey is null && endpoint.BackendHost is { } host && endpoint.BackendPort is { } port && endpoint.Engine is { } engine)
            {
                yield return new Server(host, port, engine, endpoint, endpoint.SiteOf(nameof(Endpoint.Backend)));
            }
        }
    }

    private sealed record Server(string Host, int Port, Engine Engine, Declaration Owner, SourceSite Site);
}
