using Lef.Infra.Dsl;

namespace RehearsalCluster;

// Two PostgreSQL servers on the "db" namespace's host, a primary and its streaming replica, each with a stand-in for
// Patroni's REST API on :8008 that answers from the server's own pg_is_in_recovery().
public static class Clusters
{
    public static readonly Cluster Orders = new(
        Name: "orders",
        Engine: Engine.PostgreSql,
        Nodes:
        [
            new ClusterNode(Host: "198.18.1.5", Port: Ports.PostgreSql, CheckPort: Ports.PatroniRest),
            new ClusterNode(Host: "198.18.1.6", Port: Ports.PostgreSql, CheckPort: Ports.PatroniRest),
        ],
        Check: RoleCheck.PatroniRest);
}
