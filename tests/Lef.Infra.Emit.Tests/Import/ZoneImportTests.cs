using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>Zone files in master format: relative and absolute names, $ORIGIN, @, omitted owners, TTL and class in any order.</summary>
public sealed class ZoneImportTests
{
    [Fact]
    public void A_records_in_relative_and_absolute_form_give_names_under_the_zone()
    {
        var (_, records, findings, _) = ZoneParser.Parse("db.lef.zone", "db.lef", """
            $TTL 300
            @ IN SOA dns.core.lef. hostmaster.core.lef. (
                1 ; serial
                3600 600 1209600 300 )
              IN NS dns.core.lef.
            erp IN A 10.20.0.101 ; the ERP
            CRM.db.lef. 600 IN A 10.20.0.102
            billing IN 300 A 10.20.0.103
                    A 10.20.0.113
            $ORIGIN lef.
            analytics.db A 10.20.0.104
            $ORIGIN warehouse.db.lef.
            @ A 10.20.0.105
            """);

        Assert.Equal(
            ["erp 10.20.0.101 @6", "crm 10.20.0.102 @7", "billing 10.20.0.103 @8", "billing 10.20.0.113 @9", "analytics 10.20.0.104 @11", "warehouse 10.20.0.105 @13"],
            records.Select(r => r.Name + " " + r.Address + " @" + r.Site.Line));
        Assert.All(findings, f => Assert.Equal(FindingKind.Note, f.Kind));
        Assert.Contains(findings, f => f.Site.Line == 7 && f.Message.Contains("TTL 600", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_loaded_as_another_origin_resolves_its_relative_names_from_it()
    {
        var (_, records, findings, _) = ZoneParser.Parse("lef.zone", "db.lef", "erp.db IN A 10.20.0.101\nwww IN A 10.20.0.9\n", origin: "lef");

        Assert.Equal(["erp"], records.Select(r => r.Name));
        Assert.Equal([2], findings.Where(f => f.Kind == FindingKind.Warning).Select(f => f.Site.Line));
    }

    [Fact]
    public void Records_the_dsl_does_not_publish_are_reported()
    {
        var (_, records, findings, _) = ZoneParser.Parse("db.lef.zone", "db.lef", """
            $ORIGIN db.lef.
            @ A 10.20.0.1
            erp-old CNAME erp
            erp AAAA fd00::1
            www.core.lef. A 10.20.0.9
            * A 10.20.0.10
            """);

        Assert.Empty(records);
        Assert.Equal([2, 3, 4, 5, 6], findings.Where(f => f.Kind == FindingKind.Warning).Select(f => f.Site.Line));
    }

    [Fact]
    public void An_escaped_quote_or_parenthesis_in_a_txt_record_does_not_swallow_the_records_after_it()
    {
        var (_, records, _, _) = ZoneParser.Parse("db.lef.zone", "db.lef", """
            $ORIGIN db.lef.
            note TXT "say \" (hello"
            erp A 10.20.0.101
            odd TXT say\ \(hi
            crm A 10.20.0.102
            """);

        Assert.Equal(["erp @3", "crm @5"], records.Select(r => r.Name + " @" + r.Site.Line));
    }

    [Fact]
    public void Origin_dot_as_named_compilezone_writes_it_gives_absolute_names()
    {
        var (_, records, findings, _) = ZoneParser.Parse("db.lef.zone", "db.lef", "$ORIGIN .\ndb.lef IN SOA dns.core.lef. h.core.lef. 1 2 3 4 5\n$ORIGIN db.lef.\nerp A 10.20.0.101\n$ORIGIN .\ncrm.db.lef A 10.20.0.102\n");

        Assert.Equal(["erp", "crm"], records.Select(r => r.Name));
        Assert.DoesNotContain(findings, f => f.Message.Contains("..", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Includes_are_followed_with_their_origin_and_the_including_files_origin_comes_back()
    {
        var files = new System.Collections.Generic.Dictionary<string, string>
        {
            ["inc/more.zone"] = "billing A 10.20.0.103\n$ORIGIN other.lef.\nx A 10.20.0.9\n$INCLUDE deeper.zone\n",
            ["deeper.zone"] = "deep A 10.20.0.104\n",
            ["apps.zone"] = "api A 10.20.0.105\n",
        };
        var (_, records, findings, _) = ZoneParser.Parse(
            "db.lef.zone", "db.lef", "$ORIGIN db.lef.\nerp A 10.20.0.101\n$INCLUDE inc/more.zone\ncrm A 10.20.0.102\n$INCLUDE \"apps.zone\" apps.db.lef.\n", readInclude: Read(files));

        Assert.Equal(["erp db.lef.zone:2", "billing inc/more.zone:1", "crm db.lef.zone:4", "api.apps apps.zone:1"], records.Select(r => r.Name + " " + r.Site));
        Assert.Contains(findings, f => f.ToString().StartsWith("inc/more.zone:3: warning: x.other.lef. A 10.20.0.9: is not under db.lef.", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.ToString().StartsWith("deeper.zone:1: warning: deep.other.lef. A", System.StringComparison.Ordinal));
    }

    [Fact]
    public void An_include_loop_a_missing_include_and_deep_nesting_are_errors()
    {
        var files = new System.Collections.Generic.Dictionary<string, string>
        {
            ["a.zone"] = "$INCLUDE b.zone\n",
            ["b.zone"] = "$INCLUDE a.zone\n",
        };
        for (var i = 0; i < 12; i++)
        {
            files["n" + i + ".zone"] = "$INCLUDE n" + (i + 1) + ".zone\n";
        }

        var (_, _, loop, _) = ZoneParser.Parse("db.lef.zone", "db.lef", "$INCLUDE a.zone\n$INCLUDE missing.zone\n$INCLUDE n0.zone\n", readInclude: Read(files));

        Assert.Equal(
            [
                "b.zone:1: error: `$INCLUDE a.zone` includes itself (through db.lef.zone -> a.zone -> b.zone); named refuses the loop",
                "db.lef.zone:2: error: `$INCLUDE missing.zone`: no such file (import reads an include relative to the zone file; named reads it relative to its `directory`)",
                "n7.zone:1: error: `$INCLUDE n8.zone` nests deeper than 8 files",
            ],
            loop.Where(f => f.Kind == FindingKind.Error).Select(f => f.ToString()).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void Import_follows_an_include_beside_the_zone_file()
    {
        using var inputs = new TempDirectory();
        System.IO.Directory.CreateDirectory(inputs.Combine("zones"));
        System.IO.File.WriteAllText(inputs.Combine("zones", "db.lef.zone"), "$ORIGIN db.lef.\n$INCLUDE records/erp.zone\n");
        System.IO.Directory.CreateDirectory(inputs.Combine("zones", "records"));
        System.IO.File.WriteAllText(inputs.Combine("zones", "records", "erp.zone"), "erp A 10.20.0.101\n");
        System.IO.File.WriteAllText(inputs.Combine("haproxy.cfg"), "listen erp\n    bind 10.20.0.101:1433\n    server s sql-erp-01.core.lef:1433 check\n");
        System.IO.File.WriteAllText(inputs.Combine("interfaces"), InjectionTests.Interfaces);

        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("zones", "db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.True(result.ExitCode == ImportCommand.Imported, result.Output);
        Assert.Contains("Name: \"erp\"", Importer.Written(inputs)["ProxyCore.cs"], System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@ IN SOA ns.lef. hostmaster.lef. ( 1 3600 600 86400 300\n@ IN NS ns.lef.\nerp IN A 10.20.0.101\n", "db.lef.zone:2: error: this `(` is never closed")]
    [InlineData("@ IN SOA ns.lef. hostmaster.lef. 1 3600 600 86400 300 )\nerp IN A 10.20.0.101\n", "db.lef.zone:2: error: a `)` with no `(` before it")]
    [InlineData("@ IN SOA ns.lef. hostmaster.lef. ( 1 3600\n 600 86400 300 ) )\nerp IN A 10.20.0.101\n", "db.lef.zone:3: error: a `)` with no `(` before it")]
    public void Unbalanced_parentheses_are_an_error_as_named_refuses_the_zone(string records, string error)
    {
        // named-checkzone: "unbalanced parentheses", the zone not loaded. Read on, an unclosed '(' would swallow the rest of
        // the file into the SOA record, and import would warn that no A record points at the VIP instead of refusing the zone.
        var (_, read, findings, _) = ZoneParser.Parse("db.lef.zone", "db.lef", "$TTL 300\n" + records);

        var only = Assert.Single(findings, f => f.Kind == FindingKind.Error);
        Assert.Equal(error + ": named refuses the zone (unbalanced parentheses)", only.ToString());
        Assert.Empty(read);
    }

    [Fact]
    public void Import_of_a_zone_with_an_unclosed_parenthesis_exits_3_and_writes_nothing()
    {
        using var inputs = new TempDirectory();
        System.IO.File.WriteAllText(inputs.Combine("db.lef.zone"), "$TTL 300\n@ IN SOA ns.lef. hostmaster.lef. ( 1 3600 600 86400 300\nerp IN A 10.20.0.101\n");
        System.IO.File.WriteAllText(inputs.Combine("haproxy.cfg"), "listen erp\n    bind 10.20.0.101:1433\n    server s sql-erp-01.core.lef:1433 check\n");
        System.IO.File.WriteAllText(inputs.Combine("interfaces"), InjectionTests.Interfaces);

        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.True(result.ExitCode == ImportCommand.CannotRead, result.Output);
        Assert.Contains("db.lef.zone:2: error: this `(` is never closed", result.Output, System.StringComparison.Ordinal);
        Assert.False(System.IO.Directory.Exists(inputs.Combine("out")));
    }

    private static System.Func<string, (string? Text, string? Error)> Read(System.Collections.Generic.Dictionary<string, string> files) =>
        path => files.TryGetValue(path, out var text) ? (text, null) : (null, "no such file");
}
