using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0028: a node of a role-checked cluster whose check port is its service port, or that has none. Patroni's REST API
/// listens on its own port (8008); pointed at PostgreSQL, the HTTP check gets no HTTP answer and every node is down.
/// </summary>
public static class CheckPortRule
{
    public const string Id = RuleIds.CheckPortIsServicePort;
    public const string Title = "Role check port is the service port";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var cluster in model.Clusters)
        {
            if (!cluster.ChecksRole || cluster.Nodes is not { } nodes)
            {
                continue;
            }

            foreach (var node in nodes)
            {
                var checkPort = node.Argument + "." + nameof(ClusterNode.CheckPort);
                if (node.CheckPort is null or 0 && node.Port is not null)
                {
                    sink.Add(new Violation(Id, cluster.Key, cluster.SiteOf(node.Argument),
                        node.Argument + " (" + node.Host + ") of " + cluster.Field + " has no CheckPort, and " + cluster.Check + " asks each node on its own port: "
                        + "give it the port of its role API, e.g. CheckPort: Ports.PatroniRest (8008)", []));
                }
                else if (node.CheckPort is { } port && port == node.Port)
                {
                    sink.Add(new Violation(Id, cluster.Key, cluster.SiteOf(checkPort),
                        checkPort + " of " + cluster.Field + " is " + port + ", its service port: the role check (" + cluster.Check + ") speaks HTTP to its own API, "
                        + "e.g. Patroni's REST API on 8008, and against the database every node would be down",
                        [cluster.SiteOf(node.Argument + "." + nameof(ClusterNode.Port))]));
                }
            }
        }
    }
}
