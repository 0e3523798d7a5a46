using System.IO;
using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// Patroni's reference haproxy.cfg (its repository's haproxy.cfg: a primary and a replicas listen over the same three
/// nodes, REST API ports 8008-8010) imported as one Cluster with two role endpoints: every server kept, every role check
/// kept, nothing downgraded to a plain connect. Only the addresses are the estate's: <c>bind *:5000</c> listens on every
/// address, which is no VIP (the import refuses it by design), and 127.0.0.1 servers would be the proxy itself (LEF0010).
/// </summary>
public sealed class PatroniImportTests
{
    private const string Reference = """
        global
            maxconn 100

        defaults
            log global
            mode tcp
            retries 2
            timeout client 30m
            timeout connect 4s
            timeout server 30m
            timeout check 5s

        listen stats
            mode http
            bind 10.20.0.110:7000
            stats enable
            stats uri /

        listen primary
            bind 10.20.0.110:5000
            option httpchk OPTIONS /primary
            http-check expect status 200
            default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions
            server postgresql_10.20.1.31_5432 10.20.1.31:5432 maxconn 100 check port 8008
            server postgresql_10.20.1.32_5433 10.20.1.32:5433 maxconn 100 check port 8009
            server postgresql_10.20.1.33_5434 10.20.1.33:5434 maxconn 100 check port 8010

        listen replicas
            bind 10.20.0.111:5001
            option httpchk OPTIONS /replica
            http-check expect status 200
            default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions
            server postgresql_10.20.1.31_5432 10.20.1.31:5432 maxconn 100 check port 8008
            server postgresql_10.20.1.32_5433 10.20.1.32:5433 maxconn 100 check port 8009
            server postgresql_10.20.1.33_5434 10.20.1.33:5434 maxconn 100 check port 8010
        """;

    private const string Interfaces = """
        auto ens18:10
        iface ens18:10 inet static
            address 10.20.0.110/24
        auto ens18:11
        iface ens18:11 inet static
            address 10.20.0.111/24
        """;

    private const string Zone = "$ORIGIN db.lef.\nbatman A 10.20.0.110\nbatman-ro A 10.20.0.111\n";

    [Fact]
    public void An_endpoint_or_a_pool_named_clusters_does_not_hide_the_clusters_class()
    {
        // An endpoint field Clusters hid the Clusters class in the code it wrote (CS1061, the emit exit 3), and a pool field
        // Clusters named the same file as the clusters (an unhandled ArgumentException, exit 12).
        using var inputs = new TempDirectory();
        var result = Importer.ImportTexts(inputs, Reference, Interfaces, Zone.Replace("batman-ro", "clusters", System.StringComparison.Ordinal), "--host", "clusters.lef");

        // The stats page (mode http) is the one warning, as in the reference import.
        Assert.True(result.ExitCode == ImportCommand.ImportedWithWarnings, result.Output);
        var files = Importer.Written(inputs);
        Assert.Contains(TopologySourceWriter.ClustersFile, files.Keys);
        Assert.Contains("PoolClusters.cs", files.Keys);
        Assert.Contains("public static readonly Endpoint EndpointClusters = new(", files["PoolClusters.cs"], System.StringComparison.Ordinal);
        var emit = Emitter.Run("emit", "--topology", inputs.Combine("out"), "--out", inputs.Combine("deploy"));
        Assert.True(emit.ExitCode == 0, emit.Output);
    }

    [Fact]
    public void The_reference_config_becomes_one_cluster_with_a_primary_and_a_replica_endpoint_and_nothing_downgraded()
    {
        using var inputs = new TempDirectory();
        var result = Importer.ImportTexts(inputs, Reference, Interfaces, Zone);

        // The stats page (mode http) is the only thing not imported.
        var warnings = result.StandardError.Split('\n').Where(l => l.Contains(": warning: ", System.StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 1, result.StandardError);
        Assert.Contains("listen stats: mode http", warnings[0], System.StringComparison.Ordinal);
        Assert.DoesNotContain("a health check that decides", result.StandardError, System.StringComparison.Ordinal);
        Assert.DoesNotContain("an endpoint has one backend", result.StandardError, System.StringComparison.Ordinal);

        var files = Importer.Written(inputs);
        var clusters = files[TopologySourceWriter.ClustersFile];
        Assert.Contains("""
                public static readonly Cluster Postgresql = new(
                    Name: "postgresql",
                    Engine: Engine.PostgreSql,
                    Nodes:
                    [
                        new ClusterNode(Host: "10.20.1.31", Port: Ports.PostgreSql, CheckPort: Ports.PatroniRest),
                        new ClusterNode(Host: "10.20.1.32", Port: 5433, CheckPort: 8009),
                        new ClusterNode(Host: "10.20.1.33", Port: 5434, CheckPort: 8010),
                    ],
                    Check: RoleCheck.PatroniRest);
            """.Replace("\r", string.Empty), clusters, System.StringComparison.Ordinal);

        var pool = files["ProxyCore.cs"];
        Assert.Contains("""
                    Name: "batman",
                    Vip: Vips.Batman,
                    Port: 5000,
                    Cluster: Clusters.Postgresql,
                    Role: ClusterRole.Primary);
            """.Replace("\r", string.Empty), pool, System.StringComparison.Ordinal);
        Assert.Contains("""
                    Name: "batman-ro",
                    Vip: Vips.BatmanRo,
                    Port: 5001,
                    Cluster: Clusters.Postgresql,
                    Role: ClusterRole.Replica);
            """.Replace("\r", string.Empty), pool, System.StringComparison.Ordinal);
        Assert.DoesNotContain("TODO(import): ", pool, System.StringComparison.Ordinal);

        // Plain declarations only (nothing from the input became code); then it builds clean with the analyzer, and emits both role checks over every node.
        var (fields, problems) = GeneratedCode.Read(files);
        Assert.Empty(problems);
        Assert.Contains("Clusters.Postgresql", fields);
        Assert.Empty(InProcessBuild.Diagnostics(files));
        using var deploy = new TempDirectory();
        var emit = Emitter.Run("emit", "--topology", inputs.Combine("out"), "--out", deploy.Path);
        Assert.True(emit.ExitCode == Cli.Ok, emit.Output);
        var config = File.ReadAllText(deploy.Combine("hosts/proxy.core.lef/haproxy/haproxy.cfg"));
        Assert.Contains("    option httpchk OPTIONS /primary\n", config, System.StringComparison.Ordinal);
        Assert.Contains("    option httpchk OPTIONS /replica\n", config, System.StringComparison.Ordinal);
        Assert.Contains("    server postgresql-3 10.20.1.33:5434 check port 8010 on-marked-down shutdown-sessions\n", config, System.StringComparison.Ordinal);
        Assert.Equal(6, config.Split('\n').Count(l => l.StartsWith("    server postgresql-", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void A_role_check_without_shutdown_sessions_is_imported_as_it_is_and_the_analyzer_reports_it()
    {
        // Patroni's older reference: a backend behind a frontend, `option httpchk` (OPTIONS /, the primary), no on-marked-down.
        const string older = """
            defaults
                mode tcp
            frontend ft_postgresql
                bind 10.20.0.110:5000
                default_backend bk_db
            backend bk_db
                option httpchk
                server postgresql_10.20.1.31_5432 10.20.1.31:5432 maxconn 100 check port 8008
                server postgresql_10.20.1.32_5432 10.20.1.32:5432 maxconn 100 check port 8008
            """;
        using var inputs = new TempDirectory();
        var result = Importer.ImportTexts(inputs, older, Interfaces, Zone);

        Assert.Contains("no `on-marked-down shutdown-sessions`: imported as OnMarkedDown.KeepSessions, which LEF0026 reports", result.StandardError, System.StringComparison.Ordinal);
        var files = Importer.Written(inputs);
        Assert.Contains("        OnMarkedDown: OnMarkedDown.KeepSessions);", files[TopologySourceWriter.ClustersFile], System.StringComparison.Ordinal);
        Assert.Contains("Role: ClusterRole.Primary", files["ProxyCore.cs"], System.StringComparison.Ordinal);
        Assert.Contains(InProcessBuild.Diagnostics(files), d => d.Id == "LEF0026");
    }

    [Theory]
    [InlineData("option httpchk OPTIONS /primary", "Primary", null)]
    [InlineData("option httpchk", "Primary", null)]
    [InlineData("option httpchk GET /read-write", "Primary", null)]
    [InlineData("option httpchk HEAD /master", "Primary", null)]
    [InlineData("option httpchk /replica?lag=1048576", "Replica", 1048576)]
    [InlineData("option httpchk OPTIONS /replica?lag=16MB", "Replica", 16777216)]
    [InlineData("option httpchk OPTIONS /read-only", "Any", null)]
    public void Patroni_paths_map_to_their_role(string line, string role, int? lag)
    {
        var (expectedRole, expectedLag) = (System.Enum.Parse<Dsl.ClusterRole>(role), lag);
        Assert.Equal((expectedRole, expectedLag), HaproxyListenReader.PatroniRoleOf(line.Split(' ')));
    }

    [Theory]
    [InlineData("option httpchk OPTIONS /async")]
    [InlineData("option httpchk OPTIONS /health")]
    [InlineData("option httpchk OPTIONS /replica?tag_key=value")]
    [InlineData("option httpchk OPTIONS /primary?lag=1")]
    [InlineData("option httpchk OPTIONS /replica?lag=99GB")]
    public void Other_paths_are_not_a_role_and_stay_warnings(string line) =>
        Assert.Null(HaproxyListenReader.PatroniRoleOf(line.Split(' ')));
}
