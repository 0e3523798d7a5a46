using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PrivateAddressInExternalViewRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_on_the_external_view_a_private_vip_lists_across_files() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.Erp", ", Views: [DnsViews.Internal, {|LEF0015:DnsViews.External|}]")));

    [Fact]
    public Task ShouldReportDiagnostic_in_a_new_array_and_with_positional_arguments() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        Verify.File(
            "Topology.cs",
            "Views",
            """public static readonly DnsView Outside = new("outside", new[] { "any" }, ViewKind.External);""",
            """public static readonly Endpoint Erp = new("erp", Vips.Erp, 5432, Engine.PostgreSql, new Backend("pg-erp.core.lef", 5432), new[] { {|LEF0015:Outside|} });"""));

    [Theory]
    [InlineData("10.255.255.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("169.254.10.10")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    public Task ShouldReportDiagnostic_for_every_range_outside_clients_cannot_reach(string address) => Verify.Analyzer(
        OnePool(address),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.One", ", Views: [{|LEF0015:DnsViews.External|}]")));

    [Theory]
    [InlineData("0.1.2.3")]
    [InlineData("127.0.0.2")]
    [InlineData("224.0.0.5")]
    [InlineData("250.1.1.1")]
    public Task ShouldReportDiagnostic_beside_lef0009_and_lef0002_for_an_address_that_is_no_host(string address) => Verify.Analyzer(
        OnePool(address, network: "{|LEF0009:\"" + address + "/32\"|}", vip: "{|LEF0002:\"" + address + "\"|}"),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.One", ", Views: [{|LEF0015:DnsViews.External|}]")));

    [Theory]
    [InlineData("9.255.255.254")]
    [InlineData("11.0.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("192.169.0.1")]
    [InlineData("203.0.113.10")]
    public Task ShouldNotReportDiagnostic_for_a_public_address(string address) => Verify.Analyzer(
        OnePool(address),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File("Endpoints.cs", "Endpoints", ViewSources.Endpoint("Erp", "Vips.One", ", Views: [DnsViews.External]")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_private_vips_in_internal_views_and_public_ones_outside() => Verify.Analyzer(
        ("Pools.cs", ViewSources.Pools),
        ("Vips.cs", ViewSources.Vips),
        ("DnsViews.cs", ViewSources.Views),
        Verify.File(
            "Endpoints.cs",
            "Endpoints",
            ViewSources.Endpoint("Erp", "Vips.Erp"),
            ViewSources.Endpoint("Crm", "Vips.Erp", ", Views: [DnsViews.Internal]").Replace("Port: 5432", "Port: 5433"),
            ViewSources.Endpoint("Portal", "Vips.Portal", ", Views: [DnsViews.Internal, DnsViews.External]")));

    /// <summary>A /32 pool holding just <paramref name="address"/>, and its VIP <c>Vips.One</c>.</summary>
    private static (string Name, string Source) OnePool(string address, string? network = null, string? vip = null) => Verify.File(
        "Pools.cs",
        "Pools",
        "public static readonly VipPool One = new(Host: \"proxy.core.lef\", Interface: \"ens18\", Network: " + (network ?? "\"" + address + "/32\"") + ", First: \"" + address + "\", Last: \"" + address + "\");",
        "}\npublic static class Vips\n{",
        "public static readonly Vip One = new(Pool: Pools.One, Address: " + (vip ?? "\"" + address + "\"") + ", Alias: 1);");
}
