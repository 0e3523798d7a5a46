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
    public Task ShouldReportDiagnostic_for_a_view_whose_clients_two_earlier_views_answer_together() => Verify.Analyzer(
        // The two halves of 10.0.0.0/8 are tried first (narrower): no client reaches internal, though neither half covers it.
        Verify.File(
            "Views.cs",
            "Views",
            """public static readonly DnsView Internal = new(Name: "internal", MatchClients: {|LEF0016:["10.0.0.0/8"]|}, Kind: ViewKind.Internal);""",
            """public static readonly DnsView SiteLow = new(Name: "site-low", MatchClients: ["10.0.0.0/9"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView SiteHigh = new(Name: "site-high", MatchClients: ["10.128.0.0/9"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);"""));

    [Fact]
    public Task ShouldReportDiagnostic_for_an_entry_whose_clients_an_earlier_view_answers() => Verify.Analyzer(
        // lab (192.168.0.0/16) is tried before internal (10.0.0.0/8): clients on 192.168.1.0/24 get lab's records, not internal's.
        Verify.File(
            "Views.cs",
            "Views",
            """public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8", {|LEF0016:"192.168.1.0/24"|}], Kind: ViewKind.Internal);""",
            """public static readonly DnsView Lab = new(Name: "lab", MatchClients: ["192.168.0.0/16"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);"""));

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
