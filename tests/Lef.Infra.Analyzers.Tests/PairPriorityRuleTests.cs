using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PairPriorityRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_equal_priorities() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", firstPriority: "100", secondPriority: "{|LEF0019:100|}")));

    [Fact]
    public Task ShouldReportDiagnostic_for_equal_priorities_written_as_one_constant() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", "private const int Same = 120;", Verify.Pair("Core", firstPriority: "Same", secondPriority: "{|LEF0019:Same|}")));

    [Theory]
    [InlineData("0")]
    [InlineData("255")]
    public Task ShouldReportDiagnostic_for_a_priority_outside_1_to_254(string priority) => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", firstPriority: "{|LEF0019:" + priority + "|}")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_master_and_a_backup() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", firstPriority: "254", secondPriority: "1")));
}
