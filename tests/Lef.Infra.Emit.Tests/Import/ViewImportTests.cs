using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>Split-horizon DNS: one zone file per view, their clients from named.conf, each endpoint's views from where its name is.</summary>
public sealed class ViewImportTests
{
    [Fact]
    public void Hand_written_view_zones_become_dns_views_with_clients_from_named_conf_and_endpoint_view_lists()
    {
        using var output = new TempDirectory();
        var result = Importer.Run(
            "--haproxy", Importer.Fixture("views", "haproxy.cfg"), "--interfaces", Importer.Fixture("views", "interfaces"),
            "--zone", "internal=" + Importer.Fixture("views", "internal.zone"), "--zone", "partners=" + Importer.Fixture("views", "partners.zone"),
            "--named-conf", Importer.Fixture("views", "named.conf"), "--out", output.Path);

        // A view's kind is not in named.conf: the import says what it assumed, once per view.
        Assert.True(result.ExitCode == ImportCommand.ImportedWithWarnings, result.Output);
        Assert.Contains("internal.zone:1: warning: view internal is taken as ViewKind.Internal", result.StandardError);
        Assert.Contains("partners.zone:1: warning: view partners is taken as ViewKind.Internal", result.StandardError);
        Assert.DoesNotContain("placeholder", result.StandardError);

        var files = Importer.Files(output.Path);
        Assert.Contains("""
                public static readonly DnsView Partners = new(
                    Name: "partners",
                    MatchClients: ["192.0.2.0/24"],
                    Kind: ViewKind.Internal);
            """, files["DnsViews.cs"]);
        var pool = files["ProxyCore.cs"];
        Assert.Contains("Backend: new Backend(Host: \"sql-erp-01.core.lef\", Port: Ports.SqlServer),\n        Views: [DnsViews.Internal]);", pool);

        // Published in every internal view: the DSL's default, so no list.
        Assert.Contains("Backend: new Backend(Host: \"pg-portal-01.core.lef\", Port: Ports.PostgreSql));", pool);
        Assert.Empty(InProcessBuild.Diagnostics(files));
    }

    [Fact]
    public void Without_named_conf_the_clients_are_a_placeholder_the_build_rejects()
    {
        using var output = new TempDirectory();
        var result = Importer.Run(
            "--haproxy", Importer.Fixture("views", "haproxy.cfg"), "--interfaces", Importer.Fixture("views", "interfaces"),
            "--zone", "internal=" + Importer.Fixture("views", "internal.zone"), "--zone", "partners=" + Importer.Fixture("views", "partners.zone"),
            "--out", output.Path);

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        Assert.Contains("partners.zone:1: warning: the clients of view partners are not known (pass named.conf with --named-conf)", result.StandardError);
        var files = Importer.Files(output.Path);
        Assert.Contains("    // TODO(import): partners.zone:1: the clients of view partners are not known", files["DnsViews.cs"]);

        // Both views answer "any", so BIND would never reach the second one: the analyzer says so where the TODO is.
        Assert.Equal(["LEF0016 DnsViews.cs"], InProcessBuild.Diagnostics(files).Select(d => d.Id + " " + d.File).Distinct());
    }

    [Fact]
    public void Several_zone_files_without_views_are_refused_and_nothing_is_written()
    {
        using var output = new TempDirectory();
        var result = Importer.Run(
            "--haproxy", Importer.Fixture("views", "haproxy.cfg"), "--interfaces", Importer.Fixture("views", "interfaces"),
            "--zone", Importer.Fixture("views", "internal.zone"), "--zone", Importer.Fixture("views", "partners.zone"), "--out", output.Path);

        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("give each one's view as VIEW=FILE", result.StandardError);
        Assert.Empty(Importer.Files(output.Path));
    }

    [Fact]
    public void Named_conf_views_are_read_with_their_clients_past_comments_and_acls()
    {
        var (views, _) = NamedConfParser.Parse("named.conf", System.IO.File.ReadAllText(Importer.Fixture("views", "named.conf")));

        Assert.Equal(["internal 10.0.0.0/8 @4", "partners 192.0.2.0/24 @10"], views.Select(v => v.Name + " " + string.Join(",", v.MatchClients) + " @" + v.Site.Line));
    }

    [Fact]
    public void Acl_names_in_match_clients_are_resolved_and_a_negation_earlier_views_cover_is_dropped()
    {
        var (views, findings) = NamedConfParser.Parse("named.conf", """
            acl corelan { 10.20.0.0/16; office; };
            acl "office" { 10.30.0.0/24; 10.30.1.5; };
            view "internal" { match-clients { corelan; }; };
            view "partners" { match-clients { !corelan; { 192.0.2.0/24; }; ! 10.30.0.0/25; }; };
            view "external" { match-clients { !corelan; any; }; };
            """);

        Assert.Equal(
            ["internal 10.20.0.0/16,10.30.0.0/24,10.30.1.5/32", "partners 192.0.2.0/24", "external any"],
            views.Select(v => v.Name + " " + string.Join(",", v.MatchClients)));
        Assert.All(findings, f => Assert.Equal(FindingKind.Note, f.Kind));
        Assert.Contains(findings, f => f.Site.Line == 5 && f.Message.StartsWith("`!10.20.0.0/16` in view external: every such client is taken by an earlier view", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("view \"a\" { match-clients { !corelan; any; }; };", "`!10.20.0.0/16` in view a excludes clients no earlier view takes")]
    [InlineData("view \"a\" { match-clients { localnets; }; };", "`localnets` in match-clients depends on the DNS server's own interfaces")]
    [InlineData("view \"a\" { match-clients { partners; }; };", "`partners` in match-clients is neither an address nor an acl declared in this file")]
    [InlineData("acl loop { loop; }; view \"a\" { match-clients { loop; }; };", "acl loop refers to itself")]
    [InlineData("acl mixed { !10.0.0.0/8; any; }; view \"a\" { match-clients { !mixed; }; };", "negates a list that holds negations")]
    // named-checkconf refuses these; the import read them as if the braces closed somewhere, or recursed off the stack.
    [InlineData("view \"a\" {\n match-clients { { { { 10.0.0.0/8; };\n", "the '{' on this line is never closed; named would refuse this file")]
    [InlineData("view \"a\" { match-clients { any; }; };\n};", "a '}' that closes no '{'")]
    [InlineData("/* unclosed\nview \"a\" { match-clients { any; }; };", "the /* comment on this line is never closed")]
    [InlineData("view \"a { match-clients { any; }; };", "the quote on this line is never closed")]
    [InlineData("view \"a\" { match-clients { LOTS 10.0.0.0/8; }; };", "braces nested deeper than 32 levels")]
    public void What_match_clients_cannot_hold_is_an_error_naming_it(string statements, string error)
    {
        var (views, findings) = NamedConfParser.Parse("named.conf", "acl corelan { 10.20.0.0/16; };\n" + statements.Replace("LOTS", new string('{', 300_000) + new string('}', 300_000), System.StringComparison.Ordinal));

        Assert.Empty(views);
        Assert.Contains(error, Assert.Single(findings, f => f.Kind == FindingKind.Error).Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_acl_chain_longer_than_the_import_flattens_is_not_called_a_loop()
    {
        var chain = string.Concat(Enumerable.Range(1, 20).Select(i => "acl a" + i + " { a" + (i - 1) + "; };\n"));
        var (_, findings) = NamedConfParser.Parse("named.conf", "acl a0 { 10.0.0.0/8; };\n" + chain + "view \"a\" { match-clients { a20; }; };");

        Assert.Contains("is reached through more than 16 acls in a chain", Assert.Single(findings, f => f.Kind == FindingKind.Error).Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolvable_view_exits_3_and_nothing_is_written()
    {
        using var inputs = new TempDirectory();
        System.IO.File.WriteAllText(inputs.Combine("named.conf"), "view \"internal\" { match-clients { localnets; }; };\nview \"external\" { match-clients { any; }; };\n");
        var result = Importer.ImportTexts(
            inputs, "listen a\n", InjectionTests.Interfaces, InjectionTests.Zone, "--zone", "external=" + inputs.Combine("db.lef.zone"), "--named-conf", inputs.Combine("named.conf"));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("named.conf:1: error: `localnets` in match-clients", result.StandardError, System.StringComparison.Ordinal);
        Assert.Empty(Importer.Written(inputs));
    }
}
