using System.Collections.Generic;

namespace Lef.Infra.Dsl;

/// <summary>A database endpoint <c>Name.db.lef</c>: HAProxy listens on <c>Vip:Port</c> and forwards to <see cref="Backend"/>, or to a cluster's nodes that hold a role.</summary>
/// <param name="Name">The DNS label under db.lef, e.g. <c>erp</c> for erp.db.lef.</param>
/// <param name="Vip">The VIP the endpoint listens on: a reference to a <see cref="Dsl.Vip"/> field.</param>
/// <param name="Port">The port HAProxy listens on, e.g. <see cref="Ports.SqlServer"/>.</param>
/// <param name="Engine">The protocol behind the port; picks the health check.</param>
/// <param name="Backend">The one server traffic goes to. There is no backup: the endpoint fails closed. Null on an endpoint of a cluster.</param>
/// <param name="Views">
/// The DNS views that publish <c>Name.db.lef</c>: references to <see cref="DnsView"/> fields. Omitted (or null): every
/// internal view. List a view to limit the endpoint to it, or to publish it in an external view.
/// </param>
public sealed record Endpoint(string Name, Vip Vip, int Port, Engine Engine, Backend? Backend, IReadOnlyList<DnsView>? Views = null)
{
    /// <summary>An endpoint of a cluster: it routes to the nodes that hold <paramref name="Role"/> now, and to no other.</summary>
    /// <param name="Name">The DNS label under db.lef, e.g. <c>orders</c>.</param>
    /// <param name="Vip">The VIP the endpoint listens on.</param>
    /// <param name="Port">The port HAProxy listens on.</param>
    /// <param name="Cluster">The cluster behind it: a reference to a <see cref="Dsl.Cluster"/> field. Its engine is the endpoint's.</param>
    /// <param name="Role">The nodes it routes to: the primary (writes), or the replicas within <paramref name="MaxLagBytes"/>.</param>
    /// <param name="Views">The DNS views that publish it, as for a single backend.</param>
    /// <param name="MaxLagBytes">A replica endpoint's lag bound in bytes of WAL (Patroni's <c>/replica?lag=</c>); 0: no bound.</param>
    public Endpoint(string Name, Vip Vip, int Port, Cluster Cluster, ClusterRole Role, IReadOnlyList<DnsView>? Views = null, int MaxLagBytes = 0)
        : this(Name, Vip, Port, Cluster.Engine, null, Views)
    {
        this.Cluster = Cluster;
        this.Role = Role;
        this.MaxLagBytes = MaxLagBytes;
    }

    /// <summary>The cluster behind the endpoint; null for an endpoint with one <see cref="Backend"/>.</summary>
    public Cluster? Cluster { get; }

    /// <summary>The role it routes to on its <see cref="Cluster"/>.</summary>
    public ClusterRole Role { get; }

    /// <summary>A replica endpoint's lag bound in bytes; 0: none.</summary>
    public int MaxLagBytes { get; }
}
