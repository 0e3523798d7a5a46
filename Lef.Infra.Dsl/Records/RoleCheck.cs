namespace Lef.Infra.Dsl;

/// <summary>How HAProxy learns which node of a <see cref="Cluster"/> holds a role.</summary>
public enum RoleCheck
{
    /// <summary>No role: the engine's own check on each node, which only proves that it answers. Read endpoints only (LEF0025).</summary>
    None = 0,

    /// <summary>
    /// Patroni's REST API on each node's check port: <c>OPTIONS /primary</c> answers 200 only on the node that holds the
    /// leader lock, <c>/replica?lag=N</c> only on a streaming replica at most N bytes behind. For SQL Server Always On,
    /// the cluster's own tooling answers the same paths from <c>sys.dm_hadr_availability_replica_states</c> (see
    /// docs/clusters.md): a TDS PRELOGIN only proves that the listener is up, not which replica is primary.
    /// </summary>
    PatroniRest = 1,
}
