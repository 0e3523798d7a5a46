using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Lef.Infra.Emit.Deployment;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>Every artifact of the pair test topology, locked down: keepalived.conf per node, one haproxy.cfg for both, no ifupdown for pair VIPs.</summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public sealed class PairSnapshotTests
{
    public static TheoryData<string> ArtifactPaths()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        return new TheoryData<string>(DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p != DeployFolder.MarkerFile));
    }

    [Theory]
    [MemberData(nameof(ArtifactPaths))]
    public void Artifact_matches_its_approved_snapshot(string path)
    {
        using var deploy = new TempDirectory();
        Emitter.EmitPairTopology(deploy.Path);
        using (ApprovalResults.ForScenario("pair_" + path.Replace('/', '_')))
        {
            Approvals.Verify(File.ReadAllText(deploy.Combine(path)));
        }
    }

    [Fact]
    public void The_pair_topology_emits_keepalived_and_sysctl_per_node_and_no_alias_stanza_for_pair_vips()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        Assert.Equal(
            new[]
            {
                ".lef-infra-deploy",
                "dns/db.lef.zone",
                "dns/named.conf.lef-zone",
                "docs/core-lan-address-map.json",
                "docs/tcp-proxy-facts.md",
                "hosts/proxy-a.core.lef/haproxy/haproxy.cfg",
                "hosts/proxy-a.core.lef/keepalived/keepalived.conf",
                "hosts/proxy-a.core.lef/sysctl.d/60-lef-nonlocal-bind.conf",
                "hosts/proxy-b.core.lef/haproxy/haproxy.cfg",
                "hosts/proxy-b.core.lef/keepalived/keepalived.conf",
                "hosts/proxy-b.core.lef/sysctl.d/60-lef-nonlocal-bind.conf",
                "hosts/proxy.edge.lef/haproxy/haproxy.cfg",
                "hosts/proxy.edge.lef/network/interfaces.d/lef-ens18",
            },
            DeployDirectory.ReadAll(deploy.Path).Keys.ToArray());
        Assert.DoesNotContain("10.20.0.100", File.ReadAllText(deploy.Combine("hosts/proxy.edge.lef/network/interfaces.d/lef-ens18")));
    }

    [Fact]
    public void Both_nodes_get_the_same_haproxy_cfg_byte_for_byte_and_each_other_as_peer()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        var a = File.ReadAllBytes(deploy.Combine("hosts/proxy-a.core.lef/haproxy/haproxy.cfg"));
        Assert.Equal(a, File.ReadAllBytes(deploy.Combine("hosts/proxy-b.core.lef/haproxy/haproxy.cfg")));
        Assert.Contains("bind 10.20.0.100:5432", System.Text.Encoding.UTF8.GetString(a));
        Assert.DoesNotContain("172.16.5.55", System.Text.Encoding.UTF8.GetString(a));

        var keepalivedA = File.ReadAllText(deploy.Combine("hosts/proxy-a.core.lef/keepalived/keepalived.conf"));
        var keepalivedB = File.ReadAllText(deploy.Combine("hosts/proxy-b.core.lef/keepalived/keepalived.conf"));
        Assert.Contains("unicast_src_ip 10.20.0.11\n    unicast_peer {\n        10.20.0.12\n", keepalivedA);
        Assert.Contains("unicast_src_ip 10.20.0.12\n    unicast_peer {\n        10.20.0.11\n", keepalivedB);
        Assert.Contains("10.20.0.100/24 dev ens18 label ens18:1", keepalivedA);
        Assert.Contains("10.20.0.100/24 dev ens18 label ens18:1", keepalivedB);
    }
}
