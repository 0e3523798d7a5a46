using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0018: a VRRP virtual router ID outside 1-255, or used by two pairs on one interface (the estate's interface names are
/// its LANs: ens18 is the Core LAN): their adverts and virtual MAC collide, and the pairs fight over their VIPs.
/// </summary>
public static class VirtualRouterIdRule
{
    public const string Id = RuleIds.VirtualRouterIdClash;
    public const string Title = "Virtual router ID clash";

    public const int Lowest = 1;
    public const int Highest = 255;

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var pair in model.Pairs)
        {
            if (pair.VirtualRouterId is { } id && id is < Lowest or > Highest)
            {
                sink.Add(new Violation(Id, pair.Key, pair.SiteOf(nameof(ProxyPair.VirtualRouterId)),
                    "virtual router ID " + id + " of " + pair.Field + " is outside " + Lowest + "-" + Highest + ", the one octet VRRP carries it in", []));
            }
        }

        foreach (var group in TopologyRules.Conflicts(model.Pairs, p => LanKey(p)))
        {
            foreach (var pair in group)
            {
                sink.Add(new Violation(Id, pair.Key, pair.SiteOf(nameof(ProxyPair.VirtualRouterId)),
                    "virtual router ID " + pair.VirtualRouterId + " on " + pair.Interface + " of " + pair.Field + " is also used by " + TopologyRules.DescribeOthers(group, pair)
                    + "; two VRRP instances with one ID on one LAN share a virtual MAC and take each other's adverts, and the pairs fight over their VIPs",
                    TopologyRules.OtherSites(group, pair, nameof(ProxyPair.VirtualRouterId))));
            }
        }
    }

    private static (string Lan, int Id)? LanKey(PairDeclaration pair) =>
        pair.VirtualRouterId is { } id && id is >= Lowest and <= Highest && pair.Interface is { } lan ? (lan, id) : null;
}
