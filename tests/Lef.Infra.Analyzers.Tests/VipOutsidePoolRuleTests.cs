using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class VipOutsidePoolRuleTests
{
    [Theory]
    [InlineData("10.20.1.101")] // outside the network
    [InlineData("10.20.0.99")] // in the network, before First
    [InlineData("10.20.0.200")] // in the network, after Last
    public Task ShouldReportDiagnostic_outside_the_pool(string address) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", $$"""public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0002:"{{address}}"|}, Alias: 1);"""));

    [Theory]
    [InlineData("10.20.0.0")] // network address
    [InlineData("10.20.0.255")] // broadcast address
    public Task ShouldReportDiagnostic_on_network_and_broadcast_addresses(string address) => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Wide = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.1", Last: "10.20.0.254");
            }
            """),
        Verify.File("Vips.cs", "Vips", $$"""public static readonly Vip Erp = new(Pool: Pools.Wide, Address: {|LEF0002:"{{address}}"|}, Alias: 1);"""));

    [Theory]
    [InlineData("10.20.0.100")]
    [InlineData("10.20.0.199")]
    public Task ShouldNotReportDiagnostic_on_the_range_ends(string address) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", $$"""public static readonly Vip Erp = new(Pool: Pools.Core, Address: "{{address}}", Alias: 1);"""));

    [Theory]
    [InlineData("127.0.0.0/24", "127.0.0.101")] // loopback
    [InlineData("224.0.1.0/24", "224.0.1.101")] // multicast
    public Task ShouldReportDiagnostic_on_an_address_no_client_can_reach_even_inside_its_pool(string network, string address) => Verify.Analyzer(
        ("Pools.cs", $$"""
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Odd = new(Host: "proxy.core.lef", Interface: "ens18", Network: {|LEF0009:"{{network}}"|}, First: "{{address}}", Last: "{{address}}");
            }
            """),
        Verify.File("Vips.cs", "Vips", $$"""public static readonly Vip Erp = new(Pool: Pools.Odd, Address: {|LEF0002:"{{address}}"|}, Alias: 1);"""));
}
