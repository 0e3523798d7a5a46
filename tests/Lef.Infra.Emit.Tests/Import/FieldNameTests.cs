using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>A name from the live files never breaks the generated C# or changes what it means.</summary>
public sealed class FieldNameTests
{
    [Fact]
    public void Names_with_digits_stay_distinct_and_a_number_added_to_tell_two_apart_is_set_off()
    {
        Assert.Equal(["Db_1", "Db1", "Db12", "Db1_2", "Db12_2"], new[] { "db-1", "db1", "db12", "db1", "db12" }.Select(Take(new FieldNames("Endpoints", "Endpoint"))));
    }

    [Theory]
    [InlineData("Ports", "EndpointPorts")]
    [InlineData("Engine", "EndpointEngine")]
    [InlineData("Vips", "EndpointVips")]
    [InlineData("Backend", "EndpointBackend")]
    [InlineData("DnsViews", "EndpointDnsViews")]
    [InlineData("Endpoints", "EndpointEndpoints")]
    [InlineData("Clusters", "EndpointClusters")]
    [InlineData("class", "EndpointClass")]
    [InlineData("var", "EndpointVar")]
    [InlineData("_", "Endpoint")]
    public void A_name_that_would_hide_a_type_or_is_a_keyword_is_not_taken_as_it_is(string name, string field)
    {
        var names = new FieldNames("Endpoints", "Endpoint");
        Assert.False(names.TryTake(name));
        Assert.Equal(field, names.Take(name));
    }

    [Fact]
    public void Pool_fields_name_files_so_they_differ_in_more_than_case_and_never_name_a_fixed_file()
    {
        var names = new FieldNames("Pools", "Pool", caseInsensitive: true);
        Assert.Equal(["ProxyCore", "PROXYCore_2", "PoolNotImported", "PoolDnsViews", "PoolClusters"], new[] { "ProxyCore", "PROXYCore", "NotImported", "DnsViews", "Clusters" }.Select(n => names.Take(n)));
    }

    [Fact]
    public void An_estate_whose_names_collide_with_the_generated_code_still_compiles_to_what_import_reported()
    {
        using var inputs = new TempDirectory();
        const string haproxy = """
            defaults
                mode tcp
            # Vips.class
            # ports.db.lef:5432 (Endpoints.Ports, Tcp)
            listen ports
                bind 10.20.0.101:5432
                server a pg-a.core.lef:5432 check
            listen engine
                bind 10.20.0.101:5433
                server b pg-b.core.lef:5432 check
            listen vips
                bind 10.20.0.102:1433
                server c sql-c.core.lef:1433 check
            listen backend
                bind 10.20.0.102:1434
                server d sql-d.core.lef:1433 check
            listen db-1
                bind 10.20.0.103:3000
                server e app-e.core.lef:3000 check
            listen db1
                bind 10.20.0.104:3000
                server f app-f.core.lef:3000 check
            listen db12
                bind 10.20.0.105:3000
                server g app-g.core.lef:3000 check
            """;
        const string interfaces = """
            # Vips.class
            auto ens18:1
            iface ens18:1 inet static
                address 10.20.0.101/24
            # Vips.Pools
            auto ens18:2
            iface ens18:2 inet static
                address 10.20.0.102/24
            auto ens18:3
            iface ens18:3 inet static
                address 10.20.0.103/24
            auto ens18:4
            iface ens18:4 inet static
                address 10.20.0.104/24
            auto ens18:5
            iface ens18:5 inet static
                address 10.20.0.105/24
            """;
        const string zone = "$ORIGIN db.lef.\nports A 10.20.0.101\nengine A 10.20.0.101\nvips A 10.20.0.102\nbackend A 10.20.0.102\ndb-1 A 10.20.0.103\ndb1 A 10.20.0.104\ndb12 A 10.20.0.105\n";

        var result = Importer.ImportTexts(inputs, haproxy, interfaces, zone, "--host", "not-imported.lan");

        Assert.True(result.ExitCode == ImportCommand.Imported, result.Output);
        var files = Importer.Written(inputs);
        Assert.Equal(["PoolNotImported.cs"], files.Keys);
        var (fields, problems) = GeneratedCode.Read(files);
        Assert.Empty(problems);
        Assert.Equal(
            new[]
            {
                "Endpoints.Db_1", "Endpoints.Db1", "Endpoints.Db12", "Endpoints.EndpointBackend", "Endpoints.EndpointEngine", "Endpoints.EndpointPorts",
                "Endpoints.EndpointVips", "Pools.PoolNotImported", "Vips.Db_1", "Vips.Db1", "Vips.Db12", "Vips.VipPorts", "Vips.VipVips",
            }.Order(System.StringComparer.Ordinal),
            fields.Order(System.StringComparer.Ordinal));
        var diagnostics = InProcessBuild.Diagnostics(files);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("CS", System.StringComparison.Ordinal));
    }

    private static System.Func<string, string> Take(FieldNames names) => name => names.Take(FieldNames.Pascal(name));
}
