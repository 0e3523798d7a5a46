using System.Linq;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// A hand-written live proxy (Fixtures/live): frontend/backend pairs, a listen with balance, defaults, tabs, quotes,
/// comments, an HTTP stats page, a backup server, an ACL, and one planted conflict: fe_reporting binds the ERP VIP:port.
/// </summary>
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("Snapshots")]
public sealed class LiveFixtureTests
{
    [Fact]
    public void Import_writes_the_files_and_reports_every_unmappable_part_with_file_and_line()
    {
        using var output = new TempDirectory();
        var result = Importer.ImportFixture("live", output.Path);

        Assert.True(result.ExitCode == ImportCommand.ImportedWithWarnings, result.Output);
        Assert.Equal(["NotImported.cs", "ProxyCore.cs"], Importer.Files(output.Path).Keys);
        var warnings = result.StandardError.Split('\n').Where(l => l.Contains(": warning: ", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "db.lef.zone:22: warning: dba.db.lef -> 10.20.1.50: no alias in --interfaces has this address; the name is not imported",
                "haproxy.cfg:40: warning: server sql-erp-02 is a backup; an endpoint has one backend and no backup (it fails closed): not imported",
                "haproxy.cfg:87: warning: `acl office src 10.30.0.0/16`: ACLs and connection rules cannot be expressed in the DSL; without it the endpoint accepts every client",
                "haproxy.cfg:88: warning: `tcp-request connection reject if !office`: ACLs and connection rules cannot be expressed in the DSL; without it the endpoint accepts every client",
                "haproxy.cfg:95: warning: listen stats: mode http; Lef.Infra manages TCP endpoints only: not imported",
                "interfaces:4: warning: `source /etc/network/interfaces.d/*` is not followed; pass each file it includes with --interfaces",
            ],
            warnings);

        // Settings Lef.Infra writes its own way are listed too, each with its line: nothing disappears unseen.
        Assert.Contains("haproxy.cfg:54: note: `balance roundrobin`: not carried over; Lef.Infra writes its own", result.StandardError);
        Assert.Contains("haproxy.cfg:14: note: defaults: only `mode` is read (tcp)", result.StandardError);
    }

    [Theory]
    [InlineData("ProxyCore.cs")]
    [InlineData("NotImported.cs")]
    public void Generated_code_matches_its_approved_snapshot(string file)
    {
        using var output = new TempDirectory();
        Importer.ImportFixture("live", output.Path);
        using (ApprovalResults.ForScenario(file))
        {
            Approvals.Verify(Importer.Files(output.Path)[file]);
        }
    }

    [Fact]
    public void Building_the_import_reports_the_duplicate_bind_on_both_endpoints_and_nothing_else()
    {
        using var output = new TempDirectory();
        Importer.ImportFixture("live", output.Path);
        var source = Importer.Files(output.Path)["ProxyCore.cs"];
        var erp = LineOf(source, "Endpoint Erp = new(") + 3;
        var reporting = LineOf(source, "Endpoint Reporting = new(") + 3;

        var (build, diagnostics) = DotnetBuild.Run(output.Path);

        Assert.True(build.ExitCode != 0, "the build must fail on the port clash:\n" + build.Output);
        Assert.Equal([$"LEF0003 ProxyCore.cs:{erp}", $"LEF0003 ProxyCore.cs:{reporting}"], diagnostics.Select(d => d.Where));
        Assert.All(diagnostics, d => Assert.Equal("error", d.Severity));
        Assert.Contains("10.20.0.101:1433", diagnostics[0].Message);
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, index) => (line, index)).Single(l => l.line.Contains(fragment, System.StringComparison.Ordinal)).index + 1;
}
