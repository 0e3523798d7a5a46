using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>How the analyzer reads a view's and an endpoint's lists: malformed entries are LEF0013, lists it cannot see into LEF0008.</summary>
public sealed class DnsViewArgumentsTests
{
    [Fact]
    public Task ShouldReportDiagnostic_LEF0013_on_the_malformed_match_clients_entry() => Verify.Analyzer(
        Verify.File(
            "Views.cs",
            "Views",
            """public static readonly DnsView Lan = new(Name: "lan", MatchClients: ["10.0.0.0/8", {|LEF0013:"10.0.0.1/8"|}, {|LEF0013:"anywhere"|}, {|LEF0013:"10.1.2.3"|}], Kind: ViewKind.Internal);"""));

    [Fact]
    public async Task A_spread_of_views_is_refused_with_a_message_that_names_what_is_expected()
    {
        // A spread has no type of its own: the message said "must reference a  declared as ...".
        var compilation = Analysis.Compile(
            ("/src/Pools.cs", ViewSources.Pools),
            ("/src/Vips.cs", ViewSources.Vips),
            Verify.File("/src/Views.cs", "Views", "private static readonly DnsView[] Others = [];", ViewSources.Endpoint("Erp", "Vips.Erp", ", Views: [.. Others]")));

        var diagnostics = await Analysis.AllAsync(compilation);

        Assert.Contains(diagnostics, d => d.StartsWith("LEF0008 ", System.StringComparison.Ordinal)
            && d.Contains("Views[0] of Views.Erp must reference a topology record declared as a static readonly field of a static class (found '.. Others')", System.StringComparison.Ordinal));
    }

    [Fact]
    public Task ShouldReportDiagnostic_LEF0008_for_lists_not_written_in_place() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        Verify.File(
            "Views.cs",
            "Views",
            """private static readonly string[] Lan = ["10.0.0.0/8"];""",
            """private static DnsView Make() => {|LEF0014:new("x", ["any"], ViewKind.External)|};""",
            """public static readonly DnsView Inside = new(Name: "inside", MatchClients: {|LEF0008:Lan|}, Kind: ViewKind.Internal);""",
            """public static readonly DnsView Spread = new(Name: "spread", MatchClients: [{|LEF0008:.. Lan|}], Kind: ViewKind.Internal);""",
            """public static readonly DnsView Missing = new(Name: "missing", MatchClients: {|LEF0008:null!|}, Kind: ViewKind.Internal);""",
            ViewSources.Endpoint("Erp", "Vips.Erp", ", Views: [{|LEF0008:Make()|}]")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_constants_in_lists_and_any() => Verify.Analyzer(
        Verify.File(
            "Views.cs",
            "Views",
            """private const string Core = "10.20.0.0/16";""",
            """public static readonly DnsView Lan = new(Name: "lan", MatchClients: [Core, "192.168.0.0/16"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView All = new(Name: "all", MatchClients: new string[] { "any" }, Kind: ViewKind.External);"""));
}
