using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0026: a cluster that checks roles but keeps open sessions on a node marked down. When the primary is demoted, HAProxy
/// stops sending new connections to it, but the sessions already open would go on writing to it.
/// </summary>
public static class RoleCheckKeepsSessionsRule
{
    public const string Id = RuleIds.RoleCheckKeepsSessions;
    public const string Title = "Role check without shutdown-sessions";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var cluster in model.Clusters)
        {
            if (cluster.ChecksRole && cluster.OnMarkedDown == OnMarkedDown.KeepSessions)
            {
                sink.Add(new Violation(Id, cluster.Key, cluster.SiteOf(nameof(Cluster.OnMarkedDown)),
                    cluster.Field + " checks roles (" + cluster.Check + ") but keeps sessions on a node marked down: after a failover, open sessions "
                    + "would stay on the demoted primary. Use OnMarkedDown.ShutdownSessions (on-marked-down shutdown-sessions)",
                    [cluster.SiteOf(nameof(Cluster.Check))]));
            }
        }
    }
}
