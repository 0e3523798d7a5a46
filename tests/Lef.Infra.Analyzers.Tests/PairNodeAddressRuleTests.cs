using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PairNodeAddressRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_a_node_address_inside_a_vip_range() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", secondAddress: "{|LEF0024:\"10.20.0.150\"|}", peers: "[\"10.20.0.11\", \"10.20.0.150\"]")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_node_addresses_outside_every_range() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core")));
}
