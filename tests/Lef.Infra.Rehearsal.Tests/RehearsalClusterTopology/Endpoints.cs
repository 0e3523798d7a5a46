using Lef.Infra.Dsl;

namespace RehearsalCluster;

// One cluster, two endpoints: writes go to the node that holds the primary role, reads to a replica within 1 MiB of it.
public static class Endpoints
{
    public static readonly Endpoint Orders = new(
        Name: "orders",
        Vip: Vips.Orders,
        Port: Ports.PostgreSql,
        Cluster: Clusters.Orders,
        Role: ClusterRole.Primary);

    public static readonly Endpoint Reports = new(
        Name: "reports",
        Vip: Vips.Reports,
        Port: Ports.PostgreSql,
        Cluster: Clusters.Orders,
        Role: ClusterRole.Replica,
        MaxLagBytes: 1048576);
}
