using System.Collections.Generic;
using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Lef.Infra.Emit.Deployment;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>Every artifact of the fixed test topology, locked down. A change shows up as a .received file to read and approve.</summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public sealed class ArtifactSnapshotTests
{
    public static TheoryData<string> ArtifactPaths()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy.Path).ExitCode);
        return new TheoryData<string>(DeployDirectory.ReadAll(deploy.Path).Keys);
    }

    [Theory]
    [MemberData(nameof(ArtifactPaths))]
    public void Artifact_matches_its_approved_snapshot(string path)
    {
        using var deploy = new TempDirectory();
        Emitter.EmitTestTopology(deploy.Path);
        using (ApprovalResults.ForScenario(path.Replace('/', '_')))
        {
            Approvals.Verify(File.ReadAllText(deploy.Combine(path)));
        }
    }

    [Fact]
    public void The_test_topology_emits_the_expected_set_of_files()
    {
        using var deploy = new TempDirectory();
        Emitter.EmitTestTopology(deploy.Path);
        Assert.Equal(
            new[]
            {
                ".lef-infra-deploy",
                "dns/named.conf.lef-views",
                "dns/views/backup/db.lef.zone",
                "dns/views/external/db.lef.zone",
                "dns/views/internal/db.lef.zone",
                "docs/core-lan-address-map.json",
                "docs/tcp-proxy-facts.md",
                "hosts/proxy.core.lef/haproxy/haproxy.cfg",
                "hosts/proxy.core.lef/network/interfaces.d/lef-ens18",
                "hosts/proxy.core.lef/network/interfaces.d/lef-ens19",
                "hosts/proxy.edge.lef/haproxy/haproxy.cfg",
                "hosts/proxy.edge.lef/network/interfaces.d/lef-ens18",
                "hosts/proxy.edge.lef/network/interfaces.d/lef-ens19",
            },
            DeployDirectory.ReadAll(deploy.Path).Keys.ToArray());
    }
}
