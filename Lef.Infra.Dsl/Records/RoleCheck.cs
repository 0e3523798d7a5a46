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

    /// <summary>
    /// Redis's own replication state on the service port: <c>INFO replication</c> answers <c>role:master</c> on the primary
    /// and <c>role:slave</c> on a replica (a <c>tcp-check</c> sequence). No check port: the check speaks Redis.
    /// </summary>
    RedisReplication = 2,

    /// <summary>
    /// Galera's clustercheck on each node's check port (9200): HTTP 200 while the node is Synced, 503 while it is a donor,
    /// joining or cut off. Every synced node may take writes; <see cref="ClusterRole.Primary"/> sends them all to the
    /// first synced node in the list (one writer, no certification conflicts), <see cref="ClusterRole.Any"/> spreads them.
    /// </summary>
    GaleraClustercheck = 3,
}
