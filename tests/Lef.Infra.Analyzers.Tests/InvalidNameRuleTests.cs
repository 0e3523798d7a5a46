using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class InvalidNameRuleTests
{
    private static readonly (string, string) Vips = Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""");

    [Theory]
    [InlineData("\"erp.prod\"")] // a dot: two labels
    [InlineData("\"-erp\"")]
    [InlineData("\"erp_\"")]
    [InlineData("\"\"")]
    [InlineData("\"erp\\n    bind 0.0.0.0:22\"")] // would inject a directive into haproxy.cfg
    public Task ShouldReportDiagnostic_for_an_endpoint_name_that_is_not_one_dns_label(string name) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "{|LEF0006:" + name + "|}", "Vips.A")));

    [Theory]
    [InlineData("\"pg db.core.lef\"")]
    [InlineData("\"pg.core.lef.\"")]
    [InlineData("\"pg..core.lef\"")]
    [InlineData("\"pg.core.lef check backup\"")]
    public Task ShouldReportDiagnostic_for_a_backend_host_that_is_not_a_host_name(string host) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "{|LEF0006:" + host + "|}")));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_bad_pool_host_and_interface() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: {|LEF0006:"proxy core"|}, Interface: {|LEF0006:"ens18:0"|}, Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
            }
            """));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_valid_names() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp-2\"", "Vips.A", backend: "\"sql-erp-01.core.lef\"")));

    [Theory]
    [InlineData("in ternal")]
    [InlineData("../etc")]
    [InlineData("-lan")]
    [InlineData("lan\\\"; };")] // would end the view statement in named.conf
    [InlineData("")]
    public Task ShouldReportDiagnostic_for_a_dns_view_name_that_cannot_be_a_view_and_a_folder(string name) => Verify.Analyzer(
        Verify.File("Views.cs", "Views", "public static readonly DnsView Lan = new(Name: {|LEF0006:\"" + name + "\"|}, MatchClients: [\"10.0.0.0/8\"], Kind: ViewKind.Internal);"));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_pair_name_node_host_or_interface_that_cannot_exist() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", name: "{|LEF0006:\"proxy core\"|}", secondHost: "{|LEF0006:\"proxy_b\"|}", parentInterface: "{|LEF0006:\"ens18:1\"|}")));
}
