using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class UnusableViewRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_on_both_views_with_one_name_across_files_whatever_the_case() => Verify.Analyzer(
        Verify.File("Lan.cs", "Lan", """public static readonly DnsView Inside = new(Name: {|LEF0016:"internal"|}, MatchClients: ["10.0.0.0/8"], Kind: ViewKind.Internal);"""),
        Verify.File("Office.cs", "Office", """public static readonly DnsView Inside = new(Name: {|LEF0016:"Internal"|}, MatchClients: ["192.168.0.0/16"], Kind: ViewKind.Internal);"""));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_view_that_matches_no_client() => Verify.Analyzer(
        Verify.File("Views.cs", "Views", """public static readonly DnsView Lan = new(Name: "lan", MatchClients: {|LEF0016:[]|}, Kind: ViewKind.Internal);"""));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_view_whose_clients_an_earlier_view_answers() => Verify.Analyzer(
        // Same widest network, both internal: "inside" sorts before "lan", so lan is never used.
        Verify.File(
            "Views.cs",
            "Views",
            """public static readonly DnsView Inside = new(Name: "inside", MatchClients: ["10.0.0.0/8"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView Lan = new(Name: "lan", MatchClients: {|LEF0016:["10.0.0.0/8", "10.20.0.0/16"]|}, Kind: ViewKind.Internal);""",
            """public static readonly DnsView Everyone = new(Name: "everyone", MatchClients: ["any"], Kind: ViewKind.External);""",
            """public static readonly DnsView Outside = new(Name: "outside", MatchClients: {|LEF0016:["any"]|}, Kind: ViewKind.External);"""));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_narrow_view_inside_a_broad_one_and_an_external_catch_all() => Verify.Analyzer(
        // Views are tried most specific first: lab (10.99.0.0/16) before internal (10.0.0.0/8) before external (any).
        Verify.File(
            "Views.cs",
            "Views",
            """public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8", "172.16.0.0/12"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView Lab = new(Name: "lab", MatchClients: ["10.99.0.0/16"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);"""));
}
