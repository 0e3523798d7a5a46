using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class UnicastPeerRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_a_peer_that_is_no_node_in_place_of_one() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", peers: "{|LEF0022:[\"10.20.0.11\", {|LEF0022:\"10.20.0.21\"|}]|}")));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_node_left_out_and_a_peer_listed_twice() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", peers: "{|LEF0022:[\"10.20.0.11\", {|LEF0022:\"10.20.0.11\"|}]|}")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_both_nodes_in_any_order() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", peers: "[\"10.20.0.12\", \"10.20.0.11\"]")));
}
