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
        var views = NamedConfParser.Parse("named.conf", System.IO.File.ReadAllText(Importer.Fixture("views", "named.conf")));

        Assert.Equal(["internal 10.0.0.0/8 @4", "partners 192.0.2.0/24 @10"], views.Select(v => v.Name + " " + string.Join(",", v.MatchClients) + " @" + v.Site.Line));
    }
}
