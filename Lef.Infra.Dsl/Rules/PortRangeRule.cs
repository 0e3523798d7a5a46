using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>LEF0007: a listen or backend port outside 1..65535.</summary>
public static class PortRangeRule
{
    public const string Id = RuleIds.PortRange;
    public const string Title = "Port out of range";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            Check(endpoint, endpoint.Port, nameof(Endpoint.Port), "listen port", sink);
            Check(endpoint, endpoint.BackendPort, nameof(Endpoint.Backend) + "." + nameof(Backend.Port), "backend port", sink);
        }

        foreach (var cluster in model.Clusters)
        {
            foreach (var node in cluster.Nodes ?? [])
            {
                Check(cluster, node.Port, node.Argument + "." + nameof(ClusterNode.Port), "port of " + node.Argument, sink);

                // 0 is "no check port" (RoleCheck.None); LEF0028 asks for one where a role is checked.
                if (node.CheckPort is not 0)
                {
                    Check(cluster, node.CheckPort, node.Argument + "." + nameof(ClusterNode.CheckPort), "check port of " + node.Argument, sink);
                }
            }
        }

        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.MaxLagBytes is < 0)
            {
                sink.Add(new Violation(Id, endpoint.Key, endpoint.SiteOf(nameof(Endpoint.MaxLagBytes)),
                    "MaxLagBytes of " + endpoint.Field + " is " + endpoint.MaxLagBytes + "; a lag bound is a number of bytes, or 0 for none", []));
            }
        }
    }

    private static void Check(Declaration endpoint, int? port, string argument, string what, List<Violation> sink)
    {
        if (port is { } value and (< 1 or > 65535))
        {
            sink.Add(new Violation(
                Id,
                endpoint.Key,
                endpoint.SiteOf(argument),
                "the " + what + " of " + endpoint.Field + " is " + value + "; a TCP port is 1 to 65535",
                []));
        }
    }
}
