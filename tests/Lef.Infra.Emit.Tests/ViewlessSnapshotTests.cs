using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Lef.Infra.Emit.Deployment;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>With no DNS view declared, db.lef is one zone outside any view, with its own named.conf fragment.</summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public sealed class ViewlessSnapshotTests
{
    [Theory]
    [InlineData("dns/named.conf.lef-zone")]
    [InlineData("dns/db.lef.zone")]
    public void Dns_artifact_matches_its_approved_snapshot(string path)
    {
        using var deploy = new TempDirectory();
        var (sources, result) = ViewlessTopology.Emit(deploy.Path);
        using (sources)
        {
            Assert.True(result.ExitCode == Cli.Ok, result.Output);
        }

        Assert.Equal(["dns/db.lef.zone", "dns/named.conf.lef-zone"], DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.StartsWith("dns/", System.StringComparison.Ordinal)));
        using (ApprovalResults.ForScenario(path.Replace('/', '_')))
        {
            Approvals.Verify(File.ReadAllText(deploy.Combine(path)));
        }
    }
}
