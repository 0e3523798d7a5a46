using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0025: an endpoint whose role its cluster cannot check. A write endpoint on a cluster with <see cref="RoleCheck.None"/>
/// would route to whichever node answers first, a replica included; a lag bound on such a cluster, or on an endpoint that
/// is not a replica endpoint, would never be applied.
/// </summary>
public static class UncheckedRoleRule
{
    public const string Id = RuleIds.UncheckedRole;
    public const string Title = "Endpoint role the cluster does not check";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            if (model.ClusterOf(endpoint) is not { } cluster)
            {
                continue;
            }

            if (cluster.Check != RoleCheck.None)
            {
                if (endpoint.MaxLagBytes is > 0 && endpoint.Role is ClusterRole.Primary or ClusterRole.Any)
                {
                    sink.Add(new Violation(Id, endpoint.Key, endpoint.SiteOf(nameof(Endpoint.MaxLagBytes)),
                        endpoint.Field + " bounds replica lag but routes to " + (endpoint.Role == ClusterRole.Primary ? "the primary, which has no lag" : "any node, the primary included")
                        + ": the bound would not be applied. Use Role: ClusterRole.Replica, or drop MaxLagBytes",
                        [endpoint.SiteOf(nameof(Endpoint.Role))]));
                }

                continue;
            }

            if (endpoint.Role == ClusterRole.Primary)
            {
                sink.Add(new Violation(Id, endpoint.Key, endpoint.SiteOf(nameof(Endpoint.Role)),
                    endpoint.Field + " routes writes to the primary of " + cluster.Describe() + ", which checks no role (RoleCheck.None): "
                    + "HAProxy would send writes to any node that answers, a replica included. Give the cluster a role check "
                    + "(Check: RoleCheck.PatroniRest, with each node's CheckPort)",
                    [cluster.SiteOf(nameof(Cluster.Check))]));
            }
            else if (endpoint.MaxLagBytes is > 0)
            {
                sink.Add(new Violation(Id, endpoint.Key, endpoint.SiteOf(nameof(Endpoint.MaxLagBytes)),
                    endpoint.Field + " bounds replica lag, but " + cluster.Describe() + " checks no role (RoleCheck.None), so nothing would apply the bound; "
                    + "give the cluster a role check or drop MaxLagBytes",
                    [cluster.SiteOf(nameof(Cluster.Check))]));
            }
        }
    }
}
