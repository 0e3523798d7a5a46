using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class HostInTwoRolesRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_one_host_as_both_nodes() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", firstHost: "\"proxy-a.core.lef\"", secondHost: "{|LEF0020:\"PROXY-A.core.lef\"|}")));

    [Fact]
    public Task ShouldReportDiagnostic_for_one_address_as_both_nodes() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", secondAddress: "{|LEF0020:\"10.20.0.11\"|}", peers: "[\"10.20.0.11\"]")));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_host_in_two_pairs_across_files() => Verify.Analyzer(
        Verify.File("Core.cs", "Core", Verify.Pair("Pair", secondHost: "{|LEF0020:\"proxy-b.core.lef\"|}")),
        Verify.File("Edge.cs", "Edge", Verify.Pair("Pair", name: "\"proxy-edge\"", firstHost: "{|LEF0020:\"proxy-b.core.lef\"|}", firstAddress: "\"10.20.0.13\"",
            secondHost: "\"proxy-d.edge.lef\"", secondAddress: "\"10.20.0.14\"", peers: "[\"10.20.0.13\", \"10.20.0.14\"]", routerId: "52")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_two_pairs_of_their_own() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core"), Verify.Pair("Edge", name: "\"proxy-edge\"", firstHost: "\"proxy-c.edge.lef\"", firstAddress: "\"10.20.0.13\"",
            secondHost: "\"proxy-d.edge.lef\"", secondAddress: "\"10.20.0.14\"", peers: "[\"10.20.0.13\", \"10.20.0.14\"]", routerId: "52")));
}
