using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Lef.Infra.Emit.Deployment;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>Every artifact of the cluster test topology, locked down: role checks per node, no backups, the facts and the map.</summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public sealed class ClusterSnapshotTests
{
    public static TheoryData<string> ArtifactPaths()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitClusterTopology(deploy.Path).ExitCode);
        return new TheoryData<string>(DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p != DeployFolder.MarkerFile));
    }

    [Theory]
    [MemberData(nameof(ArtifactPaths))]
    public void Artifact_matches_its_approved_snapshot(string path)
    {
        using var deploy = new TempDirectory();
        Emitter.EmitClusterTopology(deploy.Path);
        using (ApprovalResults.ForScenario("cluster_" + path.Replace('/', '_')))
        {
            Approvals.Verify(File.ReadAllText(deploy.Combine(path)));
        }
    }

    [Fact]
    public void A_write_endpoint_routes_only_to_the_node_patroni_calls_primary_with_no_backup()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitClusterTopology(deploy.Path).ExitCode);
        var config = File.ReadAllText(deploy.Combine("hosts/proxy.core.lef/haproxy/haproxy.cfg"));
        var orders = Section(config, "listen orders-5432");
        Assert.Contains("    balance first\n    option httpchk OPTIONS /primary\n    http-check expect status 200\n", orders);
        Assert.Contains("    server orders-1 pg-orders-1.core.lef:5432 check port 8008 on-marked-down shutdown-sessions resolvers lef_dns", orders);
        Assert.Contains("    server orders-3 10.20.1.33:5432 check port 8008 on-marked-down shutdown-sessions\n", orders + "\n");
        Assert.DoesNotContain("backup", orders);

        var reads = Section(config, "listen orders-ro-5432");
        Assert.Contains("    balance leastconn\n    option httpchk OPTIONS /replica?lag=16777216\n", reads);

        // A cluster of equals keeps the engine's own check on every node.
        var queue = Section(config, "listen queue-5672");
        Assert.Contains("    option tcp-check\n    tcp-check connect\n", queue);
        Assert.DoesNotContain("httpchk", queue);
        Assert.Contains("    server queue-2 mq-2.core.lef:5672 check on-marked-down shutdown-sessions", queue);
    }

    private static string Section(string config, string head)
    {
        var start = config.IndexOf("\n" + head + "\n", System.StringComparison.Ordinal);
        Assert.True(start >= 0, head + " is not in haproxy.cfg:\n" + config);
        var end = config.IndexOf("\n\n", start + 1, System.StringComparison.Ordinal);
        return end < 0 ? config[start..] : config[start..end];
    }
}
