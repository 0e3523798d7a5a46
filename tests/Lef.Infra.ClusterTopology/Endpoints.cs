using Lef.Infra.Dsl;

namespace ClusterTopology;

public static class Endpoints
{
    public static readonly Endpoint Orders = new(
        Name: "orders",
        Vip: Vips.Orders,
        Port: Ports.PostgreSql,
        Cluster: Clusters.Orders,
        Role: ClusterRole.Primary);

    // Reports read from a replica at most 16 MiB of WAL behind the primary.
    public static readonly Endpoint OrdersRead = new(
        Name: "orders-ro",
        Vip: Vips.OrdersRead,
        Port: Ports.PostgreSql,
        Cluster: Clusters.Orders,
        Role: ClusterRole.Replica,
        MaxLagBytes: 16777216);

    public static readonly Endpoint Payroll = new(
        Name: "payroll",
        Vip: Vips.Payroll,
        Port: Ports.SqlServer,
        Cluster: Clusters.Payroll,
        Role: ClusterRole.Primary);

    public static readonly Endpoint Queue = new(
        Name: "queue",
        Vip: Vips.Queue,
        Port: 5672,
        Cluster: Clusters.Queue,
        Role: ClusterRole.Any);

    // The single-backend form, as before, beside the clusters.
    public static readonly Endpoint Erp = new(
        Name: "erp",
        Vip: Vips.Erp,
        Port: Ports.SqlServer,
        Engine: Engine.SqlServer,
        Backend: new Backend(Host: "sql-erp-01.core.lef", Port: Ports.SqlServer));
}
