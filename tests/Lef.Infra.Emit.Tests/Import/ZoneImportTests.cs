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
}
