using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class EndpointInNoViewRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_an_empty_view_list() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.Erp", ", Views: {|LEF0017:[]|}")));

    [Fact]
    public Task ShouldReportDiagnostic_for_the_default_when_only_external_views_are_declared_in_another_file() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        Verify.File("DnsViews.cs", "DnsViews", """public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);"""),
        Verify.File(
            "Endpoints.cs",
            "Endpoints",
            ViewSources.Endpoint("Portal", "Vips.Portal", ", Views: [DnsViews.External]"),
            ViewSources.Endpoint("Erp", "Vips.Erp").Replace("Endpoint Erp", "Endpoint {|LEF0017:Erp|}")));

    [Fact]
    public Task ShouldNotReportDiagnostic_without_views_or_with_an_internal_view() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.Erp"), ViewSources.Endpoint("Portal", "Vips.Portal", ", Views: null")));

    [Fact]
    public Task ShouldNotReportDiagnostic_when_no_view_is_declared() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.Erp")));
}
