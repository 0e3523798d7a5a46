namespace Lef.Infra.Dsl;

/// <summary>The nodes of a <see cref="Cluster"/> an endpoint routes to.</summary>
public enum ClusterRole
{
    /// <summary>The one node that takes writes: Patroni's leader, the availability group's primary replica. No backups.</summary>
    Primary = 0,

    /// <summary>Every streaming replica within the endpoint's lag bound, the load spread by least connections.</summary>
    Replica = 1,

    /// <summary>
    /// Every node that serves: with a role check, the primary and the replicas (Patroni's <c>/read-only</c>); without one,
    /// every node that passes the engine's check (a RabbitMQ or Galera cluster of equals). For reads, spread by least connections.
    /// </summary>
    Any = 2,
}
