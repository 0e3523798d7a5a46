using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>LEF0025-LEF0028, and the older rules that now read cluster nodes too.</summary>
public sealed class ClusterRuleTests
{
    private static Task Analyze(string[] clusters, params string[] endpoints) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.OrdersVip,
        Verify.File("Clusters.cs", "Clusters", clusters),
        Verify.File("Endpoints.cs", "Endpoints", endpoints));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_patroni_cluster_with_a_write_and_a_read_endpoint() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips",
            "public static readonly Vip Orders = new(Pool: Pools.Core, Address: \"10.20.0.110\", Alias: 10);",
            "public static readonly Vip Reports = new(Pool: Pools.Core, Address: \"10.20.0.111\", Alias: 11);"),
        Verify.File("Clusters.cs", "Clusters", Verify.Cluster("Orders")),
        Verify.File("Endpoints.cs", "Endpoints",
            Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"),
            Verify.ClusterEndpoint("Reports", "\"reports\"", "Vips.Reports", "Clusters.Orders", role: "ClusterRole.Replica", maxLag: "1048576")));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0025_for_a_write_endpoint_on_a_cluster_without_a_role_check() => Analyze(
        [Verify.Cluster("Orders", nodes: "[new ClusterNode(\"pg-1.core.lef\", 5432), new ClusterNode(\"pg-2.core.lef\", 5432)]", check: "RoleCheck.None")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders", role: "{|LEF0025:ClusterRole.Primary|}"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0025_for_a_lag_bound_on_a_cluster_without_a_role_check() => Analyze(
        [Verify.Cluster("Orders", nodes: "[new ClusterNode(\"pg-1.core.lef\", 5432)]", check: "RoleCheck.None")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders", role: "ClusterRole.Replica", maxLag: "{|LEF0025:1048576|}"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0025_for_a_lag_bound_on_the_primary() => Analyze(
        [Verify.Cluster("Orders")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders", maxLag: "{|LEF0025:1048576|}"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0025_for_a_lag_bound_on_the_primary_written_as_a_ushort_const() => Analyze(
        [Verify.Cluster("Orders"), "public const ushort Lag = 65535;"],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders", maxLag: "{|LEF0025:Clusters.Lag|}"));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_any_node_of_a_cluster_of_equals() => Analyze(
        [Verify.Cluster("Queue", engine: "Engine.Tcp", nodes: "[new ClusterNode(\"mq-1.core.lef\", 5672), new ClusterNode(\"mq-2.core.lef\", 5672)]", check: "RoleCheck.None", onMarkedDown: "OnMarkedDown.KeepSessions")],
        Verify.ClusterEndpoint("Queue", "\"queue\"", "Vips.Orders", "Clusters.Queue", role: "ClusterRole.Any", port: "5672"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0026_for_a_role_check_that_keeps_sessions() => Analyze(
        [Verify.Cluster("Orders", onMarkedDown: "{|LEF0026:OnMarkedDown.KeepSessions|}")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0027_for_one_server_in_clusters_of_two_engines() => Analyze(
        [
            Verify.Cluster("Orders"),
            Verify.Cluster("Queue", name: "\"queue\"", engine: "Engine.Tcp", nodes: "[{|LEF0027:new ClusterNode(\"PG-2.core.lef\", 5432)|}]", check: "RoleCheck.None"),
        ],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0027_for_a_cluster_node_behind_an_endpoint_of_another_engine() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips",
            "public static readonly Vip Orders = new(Pool: Pools.Core, Address: \"10.20.0.110\", Alias: 10);",
            "public static readonly Vip Legacy = new(Pool: Pools.Core, Address: \"10.20.0.111\", Alias: 11);"),
        Verify.File("Clusters.cs", "Clusters", Verify.Cluster("Orders")),
        Verify.File("Endpoints.cs", "Endpoints",
            Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"),
            "public static readonly Endpoint Legacy = new(Name: \"legacy\", Vip: Vips.Legacy, Port: 6432, Engine: Engine.Tcp, Backend: {|LEF0027:new Backend(Host: \"PG-1.core.lef\", Port: {|LEF0011:5432|})|});"));

    [Fact]
    public Task ShouldNotReportDiagnostic_LEF0027_for_one_host_serving_two_engines_on_two_ports() => Analyze(
        [
            Verify.Cluster("Orders"),
            Verify.Cluster("Queue", name: "\"queue\"", engine: "Engine.Tcp", nodes: "[new ClusterNode(\"pg-1.core.lef\", 5672)]", check: "RoleCheck.None"),
        ],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0028_for_a_check_port_that_is_the_service_port_or_none() => Analyze(
        [Verify.Cluster("Orders", nodes: "[new ClusterNode(\"pg-1.core.lef\", 5432, {|LEF0028:5432|}), {|LEF0028:new ClusterNode(\"pg-2.core.lef\", 5432)|}]")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"));

    [Fact]
    public Task ShouldReportDiagnostic_for_cluster_nodes_the_older_rules_check() => Analyze(
        [Verify.Cluster("Orders", name: "{|LEF0006:\"orders_1\"|}", nodes:
            "[new ClusterNode({|LEF0006:\"pg_1.core.lef\"|}, 5432, 8008), new ClusterNode({|LEF0013:\"10.20.1.300\"|}, 5432, {|LEF0007:70000|}), "
            + "new ClusterNode({|LEF0010:\"10.20.0.110\"|}, {|LEF0007:0|}, 8008)]")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0003_for_two_endpoints_on_one_vip_and_port_whose_clusters_differ() => Analyze(
        [Verify.Cluster("Orders"), Verify.Cluster("Billing", name: "\"billing\"", nodes: "[new ClusterNode(\"pg-9.core.lef\", 5432, 8008)]")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders", port: "{|LEF0003:Ports.PostgreSql|}"),
        Verify.ClusterEndpoint("Billing", "\"billing\"", "Vips.Orders", "Clusters.Billing", port: "{|LEF0003:Ports.PostgreSql|}"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0025_for_a_role_check_of_another_engine() => Analyze(
        [Verify.Cluster("Orders", check: "{|LEF0025:RoleCheck.RedisReplication|}")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0025_for_replicas_of_a_galera_cluster() => Analyze(
        [Verify.Cluster("Shop", name: "\"shop\"", engine: "Engine.MySql", nodes: "[new ClusterNode(\"db-1.core.lef\", 3306, 9200), new ClusterNode(\"db-2.core.lef\", 3306, 9200)]", check: "RoleCheck.GaleraClustercheck")],
        Verify.ClusterEndpoint("Shop", "\"shop\"", "Vips.Orders", "Clusters.Shop", role: "{|LEF0025:ClusterRole.Replica|}", port: "Ports.MySql"));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_redis_primary_and_replicas_checked_on_the_service_port() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips",
            "public static readonly Vip Orders = new(Pool: Pools.Core, Address: \"10.20.0.110\", Alias: 10);",
            "public static readonly Vip Reads = new(Pool: Pools.Core, Address: \"10.20.0.111\", Alias: 11);"),
        Verify.File("Clusters.cs", "Clusters", Verify.Cluster("Cache", name: "\"cache\"", engine: "Engine.Redis", nodes: "[new ClusterNode(\"redis-1.core.lef\", 6379), new ClusterNode(\"redis-2.core.lef\", 6379)]", check: "RoleCheck.RedisReplication")),
        Verify.File("Endpoints.cs", "Endpoints",
            Verify.ClusterEndpoint("Cache", "\"cache\"", "Vips.Orders", "Clusters.Cache", port: "Ports.Redis"),
            Verify.ClusterEndpoint("Reads", "\"cache-ro\"", "Vips.Reads", "Clusters.Cache", role: "ClusterRole.Replica", port: "Ports.Redis")));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0028_for_a_galera_node_without_its_clustercheck_port() => Analyze(
        [Verify.Cluster("Shop", name: "\"shop\"", engine: "Engine.MySql", nodes: "[{|LEF0028:new ClusterNode(\"db-1.core.lef\", 3306)|}]", check: "RoleCheck.GaleraClustercheck")],
        Verify.ClusterEndpoint("Shop", "\"shop\"", "Vips.Orders", "Clusters.Shop", port: "Ports.MySql"));

    [Fact]
    public Task ShouldReportDiagnostic_LEF0008_for_a_role_that_is_no_member() => Analyze(
        [Verify.Cluster("Orders")],
        Verify.ClusterEndpoint("Orders", "\"orders\"", "Vips.Orders", "Clusters.Orders", role: "{|LEF0008:(ClusterRole)7|}"));
}
