using Lef.Infra.Dsl;

namespace ClusterTopology;

public static class Clusters
{
    // PostgreSQL under Patroni: its REST API on 8008 says which node holds the leader lock.
    public static readonly Cluster Orders = new(
        Name: "orders",
        Engine: Engine.PostgreSql,
        Nodes:
        [
            new ClusterNode(Host: "pg-orders-1.core.lef", Port: Ports.PostgreSql, CheckPort: Ports.PatroniRest),
            new ClusterNode(Host: "pg-orders-2.core.lef", Port: Ports.PostgreSql, CheckPort: Ports.PatroniRest),
            new ClusterNode(Host: "10.20.1.33", Port: Ports.PostgreSql, CheckPort: Ports.PatroniRest),
        ],
        Check: RoleCheck.PatroniRest);

    // SQL Server Always On: each replica's role responder answers Patroni's paths from sys.dm_hadr_availability_replica_states.
    public static readonly Cluster Payroll = new(
        Name: "payroll",
        Engine: Engine.SqlServer,
        Nodes:
        [
            new ClusterNode(Host: "sql-payroll-1.core.lef", Port: Ports.SqlServer, CheckPort: 8080),
            new ClusterNode(Host: "sql-payroll-2.core.lef", Port: Ports.SqlServer, CheckPort: 8080),
        ],
        Check: RoleCheck.PatroniRest);

    // A cluster of equals (RabbitMQ): any node that answers takes the connection.
    public static readonly Cluster Queue = new(
        Name: "queue",
        Engine: Engine.Tcp,
        Nodes:
        [
            new ClusterNode(Host: "mq-1.core.lef", Port: 5672),
            new ClusterNode(Host: "mq-2.core.lef", Port: 5672),
        ],
        Check: RoleCheck.None);
}
