using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0003: two endpoints listening on one VIP:port. <c>haproxy -c</c> cannot see this (SO_REUSEPORT shares the socket
/// and connections are split between the two backends).
/// </summary>
public static class PortClashRule
{
    public const string Id = RuleIds.PortClash;
    public const string Title = "Port clash on a VIP";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var group in TopologyRules.Conflicts(model.Endpoints, e => ListenKey(model, e)))
        {
            foreach (var endpoint in group)
            {
                var vip = model.VipOf(endpoint)!;
                sink.Add(new Violation(
                    Id,
                    endpoint.Key,
                    endpoint.SiteOf(nameof(Endpoint.Port)),
                    "endpoint " + endpoint.Field + " listens on " + vip.Address + ":" + endpoint.Port
                    + ", which " + TopologyRules.DescribeOthers(group, endpoint) + " also listens on; use another port or VIP",
                    TopologyRules.OtherSites(group, endpoint, nameof(Endpoint.Port))));
            }
        }
    }

    /// <summary>By address, not by VIP field: two VIP fields with one address (LEF0001) must not hide a clash.</summary>
    private static ulong? ListenKey(TopologyModel model, EndpointDeclaration endpoint) =>
        model.VipOf(endpoint) is { } vip && vip.TryGetAddress(out var address) && endpoint.Port is { } port
            ? ((ulong)address << 32) | (uint)port
            : null;
}
