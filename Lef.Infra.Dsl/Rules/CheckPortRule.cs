using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0028: a node of a cluster checked over HTTP (Patroni's REST API, Galera's clustercheck) whose check port is its
/// service port, or that has none. The role API listens on its own port (8008, 9200); pointed at the database, the HTTP
/// check gets no HTTP answer and every node is down. (Redis's check speaks Redis on the service port: no check port.)
/// </summary>
public static class CheckPortRule
{
    public const string Id = RuleIds.CheckPortIsServicePort;
    public const string Title = "Role check port is the service port";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var cluster in model.Clusters)
        {
            if (!cluster.ChecksOverHttp || cluster.Nodes is not { } nodes)
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
                        + "give it the port of its role API, e.g. CheckPort: " + (cluster.Check == RoleCheck.GaleraClustercheck ? "Ports.GaleraClustercheck (9200)" : "Ports.PatroniRest (8008)"), []));
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
