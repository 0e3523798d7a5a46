using System.Linq;
using Lef.Infra.Dsl.Model;
using Xunit;

namespace Lef.Infra.Dsl.Tests;

/// <summary>The view semantics both readers share: match order, which views publish an endpoint, and what counts as private.</summary>
public sealed class DnsViewModelTests
{
    private static readonly SourceSite Here = new("Views.cs", 0, 1, 1, 1);

    [Fact]
    public void Views_are_in_match_order_most_specific_first_then_internal_then_by_name()
    {
        var model = Model(
            View("Any", "outside", ViewKind.External, "any"),
            View("Wide", "internal", ViewKind.Internal, "10.0.0.0/8", "192.168.0.0/16"),
            View("Lab", "lab", ViewKind.Internal, "10.99.0.0/16"),
            View("Partner", "partner", ViewKind.External, "10.0.0.0/8"),
            View("Office", "office", ViewKind.Internal, "10.0.0.0/8"));

        Assert.Equal(["lab", "internal", "office", "partner", "outside"], model.ViewsInMatchOrder.Select(v => v.Name));
    }

    [Fact]
    public void An_endpoint_without_views_is_in_every_internal_view_and_one_with_views_only_in_those()
    {
        var model = new TopologyModel(
            [],
            [],
            [
                new EndpointDeclaration { Key = "T.Erp", Field = "E.Erp", Site = Here, Name = "erp" },
                new EndpointDeclaration { Key = "T.Web", Field = "E.Web", Site = Here, Name = "web", ViewKeys = ["T.Any", null, "T.Any"] },
            ],
            [View("Any", "outside", ViewKind.External, "any"), View("Wide", "internal", ViewKind.Internal, "10.0.0.0/8"), View("Lab", "lab", ViewKind.Internal, "10.99.0.0/16")]);

        Assert.Equal(["lab", "internal"], model.ViewsOf(model.Endpoints[0]).Select(v => v.Name));
        Assert.Equal(["outside"], model.ViewsOf(model.Endpoints[1]).Select(v => v.Name));
    }

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0/8")]
    [InlineData("10.0.0.0", "10.0.0.0/8")]
    [InlineData("10.255.255.255", "10.0.0.0/8")]
    [InlineData("100.64.0.0", "100.64.0.0/10")]
    [InlineData("100.127.255.255", "100.64.0.0/10")]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("169.254.0.1", "169.254.0.0/16")]
    [InlineData("172.16.0.0", "172.16.0.0/12")]
    [InlineData("172.31.255.255", "172.16.0.0/12")]
    [InlineData("192.168.0.0", "192.168.0.0/16")]
    [InlineData("239.255.255.255", "224.0.0.0/4")]
    [InlineData("255.255.255.255", "240.0.0.0/4")]
    public void Private_ranges_include_their_edges(string address, string range)
    {
        Assert.True(Ipv4.TryParse(address, out var value));
        Assert.StartsWith(range + ", ", PrivateRanges.Describe(value));
    }

    [Theory]
    [InlineData("1.0.0.0")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.51.100.10")]
    [InlineData("223.255.255.255")]
    public void Addresses_just_outside_them_are_public(string address)
    {
        Assert.True(Ipv4.TryParse(address, out var value));
        Assert.Null(PrivateRanges.Describe(value));
    }

    [Theory]
    [InlineData("any", "0.0.0.0/0")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    public void Match_clients_entries_are_cidrs_or_any(string entry, string network)
    {
        Assert.True(ClientMatch.TryParse(entry, out var parsed, out _));
        Assert.Equal(network, parsed.ToString());
    }

    [Theory]
    [InlineData("ANY")]
    [InlineData("10.1.2.3")]
    [InlineData("10.0.0.1/8")]
    [InlineData("localhost")]
    public void Other_entries_are_malformed(string entry) => Assert.False(ClientMatch.TryParse(entry, out _, out _));

    private static TopologyModel Model(params ViewDeclaration[] views) => new([], [], [], views);

    private static ViewDeclaration View(string field, string name, ViewKind kind, params string[] clients) =>
        new() { Key = "T." + field, Field = "Views." + field, Site = Here, Name = name, Kind = kind, MatchClients = clients };
}
