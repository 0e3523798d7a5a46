using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>haproxy.cfg read as HAProxy reads it: several files as one configuration, and conditional blocks.</summary>
public sealed class HaproxyConfigTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Several_files_are_one_configuration_defaults_carry_over_and_a_backend_may_be_in_another_file()
    {
        var (sections, findings) = HaproxyConfigParser.Parse(
            [
                new HaproxyFile("00-defaults.cfg", "defaults\n    mode http\nfrontend fe_erp\n    mode tcp\n    bind 10.20.0.101:1433\n    default_backend be_erp\n"),
                new HaproxyFile("10-web.cfg", "listen site\n    bind 10.20.0.50:80\n    server web1 10.20.1.5:80\n"),
                new HaproxyFile("20-backends.cfg", "  server stray 10.0.0.1:1\nbackend be_erp\n    mode tcp\n    server sql1 sql-erp-01.core.lef:1433 check\n"),
            ],
            NoEnvironment,
            HaproxyConfigParser.DefaultVersion);
        var (listens, readFindings) = HaproxyListenReader.Read("proxy.core.lef", sections);

        var listen = Assert.Single(listens);
        Assert.Equal("frontend fe_erp -> backend be_erp", listen.Description);
        Assert.Equal(new ConfigSite("20-backends.cfg", 4), listen.Server.Site);
        Assert.Contains(readFindings, f => f.ToString().StartsWith("10-web.cfg:1: warning: listen site: mode http", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.ToString() == "20-backends.cfg:1: warning: `server stray 10.0.0.1:1` is outside any section");
        Assert.DoesNotContain(readFindings, f => f.Message.Contains("not declared", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Files_of_one_host_given_one_by_one_or_as_a_folder_import_as_one_configuration()
    {
        using var inputs = new TempDirectory();
        Directory.CreateDirectory(inputs.Combine("haproxy.d"));
        File.WriteAllText(inputs.Combine("haproxy.d", "10-frontends.cfg"), "defaults\n    mode tcp\nfrontend fe_erp\n    bind 10.20.0.101:1433\n    default_backend be_erp\n");
        File.WriteAllText(inputs.Combine("haproxy.d", "20-backends.cfg"), "backend be_erp\n    server sql1 sql-erp-01.core.lef:1433 check\n");
        File.WriteAllText(inputs.Combine("haproxy.d", "30-notes.txt"), "listen ignored\n    bind 10.20.0.101:9\n    server x 10.0.0.1:9\n");
        File.WriteAllText(inputs.Combine("interfaces"), InjectionTests.Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), InjectionTests.Zone);

        foreach (var haproxy in new[] { new[] { "--haproxy", inputs.Combine("haproxy.d") }, ["--haproxy", inputs.Combine("haproxy.d", "10-frontends.cfg"), "--haproxy", inputs.Combine("haproxy.d", "20-backends.cfg")] })
        {
            var output = inputs.Combine("out-" + haproxy.Length);
            var result = Importer.Run([.. haproxy, "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", output]);

            Assert.True(result.ExitCode == ImportCommand.Imported, result.Output);
            var source = File.ReadAllText(Path.Combine(output, "ProxyCore.cs"));
            Assert.Contains("Backend: new Backend(Host: \"sql-erp-01.core.lef\", Port: Ports.SqlServer)", source, System.StringComparison.Ordinal);
            Assert.DoesNotContain("ignored", result.Output, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_folder_given_as_interfaces_or_zone_is_reported_as_a_folder_with_exit_3()
    {
        using var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("haproxy.cfg"), "listen a\n    bind 10.20.0.101:1\n    server s 10.0.0.1:1\n");
        var result = Importer.Run("--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Path, "--zone", inputs.Path, "--out", inputs.Combine("out"));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("is a folder, not a file", result.StandardError, System.StringComparison.Ordinal);
        Assert.DoesNotContain("denied", result.StandardError, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(inputs.Combine("out")));

        Directory.CreateDirectory(inputs.Combine("empty"));
        result = Importer.Run("--haproxy", inputs.Combine("empty"), "--interfaces", inputs.Combine("haproxy.cfg"), "--zone", inputs.Combine("haproxy.cfg"), "--out", inputs.Combine("out"));
        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("empty is a folder without a *.cfg file (haproxy -f DIR loads those)", result.StandardError, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(inputs.Combine("out")));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("1 && 0", false)]
    [InlineData("0 || 1", true)]
    [InlineData("!0 && (0 || 1)", true)]
    [InlineData("defined(WITH_SSL)", true)]
    [InlineData("defined(HAPROXY_MWORKER)", false)]
    [InlineData("streq(yes,yes)", true)]
    [InlineData("strneq(yes,yes)", false)]
    [InlineData("version_atleast(2.6)", true)]
    [InlineData("version_atleast(2.6-dev1)", true)]
    [InlineData("version_atleast(2.6.13)", false)]
    [InlineData("version_before(2.6.12)", false)]
    [InlineData("version_before(2.7-dev0)", true)]
    [InlineData("0 && feature(OPENSSL)", false)]
    [InlineData("1 || feature(OPENSSL)", true)]
    [InlineData("!!1", true)]
    [InlineData("! !(0)", false)]
    [InlineData("!1 || !0 && 0", false)]
    [InlineData("MANY1", true)]
    [InlineData("MANY!1", false)]
    public void Conditions_evaluate_as_haproxy_2_6_does(string condition, bool expected)
    {
        // MANY: four million negations, which recursed off the stack (exit 134); an even number of them is no negation.
        condition = condition.Replace("MANY", new string('!', 4_000_000), System.StringComparison.Ordinal);
        var (value, error) = new HaproxyCondition(new Dictionary<string, string> { ["WITH_SSL"] = "yes" }, HaproxyConfigParser.DefaultVersion).Evaluate(condition);
        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("feature(OPENSSL)", "feature() depends on how the live haproxy was built")]
    [InlineData("yes", "HAProxy cannot parse it")]
    [InlineData("enabled(FOO)", "HAProxy 2.6 knows no predicate `enabled`")]
    [InlineData("(1", "a `(` is not closed")]
    [InlineData("DEEP", "its parentheses nest deeper than 64 levels")]
    public void What_cannot_be_known_is_an_error(string condition, string why)
    {
        // DEEP: two million parentheses, which recursed off the stack (exit 134).
        condition = condition == "DEEP" ? new string('(', 2_000_000) + "1" + new string(')', 2_000_000) : condition;
        var (value, error) = new HaproxyCondition(NoEnvironment, HaproxyConfigParser.DefaultVersion).Evaluate(condition);
        Assert.Null(value);
        Assert.Contains(why, error, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_branch_haproxy_reads_is_imported_and_env_variables_in_conditions_expand()
    {
        const string config = """
            defaults
                mode tcp
            .if streq("$SITE",b)
            listen erp_b
                bind 10.20.0.102:1433
                server b sql-b.core.lef:1433 check
            .elif defined(SITE)
            listen erp_a
                bind 10.20.0.101:1433
            .if version_before(2.4)
                server old sql-old.core.lef:1433 check
            .else
                server a sql-a.core.lef:1433 check
            .endif
            .else
            listen erp_none
                bind 10.20.0.103:1433
                server n sql-n.core.lef:1433 check
            .endif
            """;
        string Read(Dictionary<string, string> environment)
        {
            var (sections, findings) = HaproxyConfigParser.Parse([new HaproxyFile("haproxy.cfg", config)], environment, HaproxyConfigParser.DefaultVersion);
            Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Error);
            return string.Join(",", HaproxyListenReader.Read("proxy.core.lef", sections).Listens.Select(l => l.SectionName + ":" + l.Server.Name));
        }

        Assert.Equal("erp_b:b", Read(new() { ["SITE"] = "b" }));
        Assert.Equal("erp_a:a", Read(new() { ["SITE"] = "a" }));
        Assert.Equal("erp_none:n", Read(NoEnvironment));
    }

    [Fact]
    public void An_unknowable_condition_or_an_unclosed_block_exits_3_naming_the_line_and_writes_nothing()
    {
        using var inputs = new TempDirectory();
        var result = Importer.ImportTexts(
            inputs,
            "listen erp\n    bind 10.20.0.101:1433\n.if feature(OPENSSL)\n    server a sql-a.core.lef:1433 check\n.endif\n.if 1\n",
            InjectionTests.Interfaces,
            InjectionTests.Zone);

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("haproxy.cfg:3: error: `.if feature(OPENSSL)`: feature() depends on how the live haproxy was built", result.StandardError, System.StringComparison.Ordinal);
        Assert.Contains("haproxy.cfg:6: error: this `.if` has no `.endif`", result.StandardError, System.StringComparison.Ordinal);
        Assert.Empty(Importer.Written(inputs));
    }

    [Fact]
    public void Haproxy_env_and_version_options_are_checked()
    {
        using var inputs = new TempDirectory();
        var result = Importer.ImportTexts(inputs, "listen a\n", InjectionTests.Interfaces, InjectionTests.Zone, "--haproxy-env", "1BAD=x");
        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("--haproxy-env `1BAD=x` is not NAME=VALUE", result.StandardError, System.StringComparison.Ordinal);

        result = Importer.ImportTexts(inputs, "listen a\n", InjectionTests.Interfaces, InjectionTests.Zone, "--haproxy-version", "latest");
        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("--haproxy-version `latest` is not a version", result.StandardError, System.StringComparison.Ordinal);
    }
}
