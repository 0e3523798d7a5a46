using System.IO;
using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// The import never fixes the estate: each conflict planted in a live-style configuration comes out as the analyzer's
/// error on every declaration involved, and nothing else does.
/// </summary>
public sealed class AuditTests
{
    private const string Haproxy = """
        global
        	daemon
        defaults
        	mode tcp
        	timeout connect 5s

        listen erp
        	bind 10.20.0.101:1433
        	server sql-erp-01 sql-erp-01.core.lef:1433 check

        # Moved here "temporarily" in 2022.
        frontend fe_reporting
        	bind 10.20.0.101:1433
        	default_backend be_reporting
        backend be_reporting
        	server sql-rpt-01 10.20.1.40:1433 check

        listen hr
        	bind 10.20.0.106:1433
        	server sql-hr-01 10.20.1.35:1433 check

        listen archive
        	bind 10.20.0.160:5432
        	option pgsql-check user haproxy
        	server pg-archive-01 pg-archive-01.core.lef:5432 check
        """;

    private const string Interfaces = """
        auto ens18:1
        iface ens18:1 inet static
        	address 10.20.0.101/24

        auto ens18:6
        iface ens18:6 inet static
        	address 10.20.0.106/24

        # Added during the HR migration; nobody removed it.
        auto ens18:8
        iface ens18:8 inet static
        	address 10.20.0.106/24

        auto ens18:9
        iface ens18:9 inet static
        	address 10.20.0.160/24
        """;

    private const string Zone = """
        $ORIGIN db.lef.
        erp       A 10.20.0.101
        reporting A 10.20.0.101
        hr        A 10.20.0.106
        archive   A 10.20.0.160
        """;

    [Fact]
    public void Planted_conflicts_come_out_as_analyzer_errors_on_each_side()
    {
        using var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("haproxy.cfg"), Haproxy);
        File.WriteAllText(inputs.Combine("interfaces"), Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), Zone);
        using var output = new TempDirectory();

        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"),
            "--out", output.Path, "--pool-first", "10.20.0.100", "--pool-last", "10.20.0.150");

        Assert.True(result.ExitCode == ImportCommand.Imported, result.Output);
        var source = Importer.Files(output.Path)["ProxyCore.cs"];
        var errors = InProcessBuild.Diagnostics(Importer.Files(output.Path)).Where(d => d.Severity == "error").Select(d => d.Where).ToList();
        Assert.Equal(
            new[]
            {
                "LEF0003 ProxyCore.cs:" + (LineOf(source, "Endpoint Erp = new(") + 3),
                "LEF0003 ProxyCore.cs:" + (LineOf(source, "Endpoint Reporting = new(") + 3),
                "LEF0001 ProxyCore.cs:" + LineOf(source, "Vip Hr = new("),
                "LEF0001 ProxyCore.cs:" + LineOf(source, "Vip HrAlias8 = new("),
                "LEF0002 ProxyCore.cs:" + LineOf(source, "Vip Archive = new("),
            }.Order(System.StringComparer.Ordinal),
            errors.Order(System.StringComparer.Ordinal));
        Assert.Contains("First: \"10.20.0.100\"", source);
        Assert.Contains("// Added during the HR migration; nobody removed it.", source);
    }

    [Fact]
    public void One_conflict_per_rule_planted_in_a_live_style_config_each_comes_out_on_every_side_and_nothing_else()
    {
        using var output = new TempDirectory();
        var result = Importer.ImportFixture("planted", output.Path);

        Assert.True(result.ExitCode == ImportCommand.Imported, result.Output);
        var source = Importer.Files(output.Path)["ProxyCore.cs"];
        var found = InProcessBuild.Diagnostics(Importer.Files(output.Path)).Select(d => d.Id + " " + d.Severity + " " + FieldAt(source, d.Line)).Order(System.StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                "LEF0004 error Vips.Billing",
                "LEF0004 error Vips.BillingAlias3",
                "LEF0005 error Endpoints.Billing",
                "LEF0005 error Endpoints.Billing_2",
                "LEF0006 error Endpoints.Badhost",
                "LEF0007 error Endpoints.Farport",
                "LEF0010 error Endpoints.Loop",
                "LEF0011 warning Endpoints.Mixup",
                "LEF0011 warning Endpoints.Mixup",
                "LEF0012 warning Vips.Ens18Alias10",
                "LEF0013 error Vips.Broken",
            },
            found);
    }

    /// <summary>The field whose declaration holds <paramref name="line"/>: <c>Endpoints.Loop</c>.</summary>
    private static string FieldAt(string source, int line)
    {
        var lines = source.Split('\n');
        var className = string.Empty;
        var field = string.Empty;
        for (var i = 0; i < line; i++)
        {
            var words = lines[i].Trim().Split(' ');
            if (lines[i].StartsWith("public static partial class ", System.StringComparison.Ordinal))
            {
                className = words[^1];
            }
            else if (lines[i].Contains("public static readonly ", System.StringComparison.Ordinal))
            {
                field = words[4];
            }
        }

        return className + "." + field;
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, index) => (line, index)).Single(l => l.line.Contains(fragment, System.StringComparison.Ordinal)).index + 1;
}
