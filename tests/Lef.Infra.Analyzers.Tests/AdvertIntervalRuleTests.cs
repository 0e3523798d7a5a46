using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class AdvertIntervalRuleTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("305")] // keepalived rounds to 0.31 s
    [InlineData("40960")] // keepalived sets 40.95 s
    public Task ShouldReportDiagnostic_for_an_interval_keepalived_changes(string ms) => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", advertMs: "{|LEF0023:" + ms + "|}")));

    [Theory]
    [InlineData("10")]
    [InlineData("1000")]
    [InlineData("40950")]
    public Task ShouldNotReportDiagnostic_for_centiseconds_up_to_40_95_s(string ms) => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", advertMs: ms)));
}
