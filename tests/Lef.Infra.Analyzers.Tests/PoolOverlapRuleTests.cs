using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PoolOverlapRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_on_both_overlapping_pools_across_files() => Verify.Analyzer(
        ("Core.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Core
            {
                public static readonly VipPool Pool = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: {|LEF0009:"10.20.0.100"|}, Last: "10.20.0.199");
            }
            """),
        ("Edge.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Edge
            {
                public static readonly VipPool Pool = new(Host: "proxy.edge.lef", Interface: "ens18", Network: "10.20.0.0/24", First: {|LEF0009:"10.20.0.150"|}, Last: "10.20.0.250");
            }
            """));

    [Theory]
    [InlineData("{|LEF0009:\"10.20.1.100\"|}", "\"10.20.1.199\"")] // First outside the network
    [InlineData("\"10.20.0.100\"", "{|LEF0009:\"10.20.0.255\"|}")] // Last is the broadcast address
    [InlineData("{|LEF0009:\"10.20.0.199\"|}", "\"10.20.0.100\"")] // backwards
    public Task ShouldReportDiagnostic_for_a_range_not_inside_its_network(string first, string last) => Verify.Analyzer(
        ("Pools.cs", $$"""
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: {{first}}, Last: {{last}});
            }
            """));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_adjacent_pools_in_one_network() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool A = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.149");
                public static readonly VipPool B = new(Host: "proxy.edge.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.150", Last: "10.20.0.199");
            }
            """));

    [Theory]
    [InlineData("0.0.0.0/0", "0.0.0.100", "0.0.0.199")] // writes netmask 0.0.0.0
    [InlineData("128.0.0.0/1", "128.0.0.100", "128.0.0.199")]
    [InlineData("10.0.0.0/15", "10.0.0.100", "10.0.0.199")] // wider than /16
    [InlineData("127.0.0.0/24", "127.0.0.100", "127.0.0.199")] // loopback
    [InlineData("224.0.1.0/24", "224.0.1.100", "224.0.1.199")] // multicast
    [InlineData("0.0.0.0/24", "0.0.0.100", "0.0.0.199")] // "this network"
    [InlineData("255.255.255.0/24", "255.255.255.100", "255.255.255.199")] // reserved, with the limited broadcast
    public Task ShouldReportDiagnostic_for_a_network_no_vip_can_be_in(string network, string first, string last) => Verify.Analyzer(
        ("Pools.cs", $$"""
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: {|LEF0009:"{{network}}"|}, First: "{{first}}", Last: "{{last}}");
            }
            """));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_slash_16_pool_or_loopback_on_lo() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/16", First: "10.20.0.100", Last: "10.20.0.199");
                public static readonly VipPool Local = new(Host: "proxy.core.lef", Interface: "lo", Network: "127.0.1.0/24", First: "127.0.1.10", Last: "127.0.1.20");
            }
            """),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip Local = new(Pool: Pools.Local, Address: "127.0.1.10", Alias: 1);"""));
}
