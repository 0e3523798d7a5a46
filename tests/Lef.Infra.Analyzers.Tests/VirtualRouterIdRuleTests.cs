using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class VirtualRouterIdRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_on_both_pairs_with_one_id_on_one_interface_across_files() => Verify.Analyzer(
        Verify.File("Core.cs", "Core", Verify.Pair("Pair", routerId: "{|LEF0018:51|}")),
        Verify.File("Edge.cs", "Edge", Verify.Pair("Pair", name: "\"proxy-edge\"", firstHost: "\"proxy-c.edge.lef\"", firstAddress: "\"10.20.0.13\"",
            secondHost: "\"proxy-d.edge.lef\"", secondAddress: "\"10.20.0.14\"", peers: "[\"10.20.0.13\", \"10.20.0.14\"]", routerId: "{|LEF0018:51|}")));

    [Theory]
    [InlineData("0")]
    [InlineData("256")]
    public Task ShouldReportDiagnostic_for_an_id_outside_one_octet(string id) => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", routerId: "{|LEF0018:" + id + "|}")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_one_id_on_two_interfaces() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core"), Verify.Pair("Edge", name: "\"proxy-edge\"", firstHost: "\"proxy-c.edge.lef\"", firstAddress: "\"172.16.5.13\"",
            secondHost: "\"proxy-d.edge.lef\"", secondAddress: "\"172.16.5.14\"", peers: "[\"172.16.5.13\", \"172.16.5.14\"]", parentInterface: "\"ens19\"")));
}
