using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>LEF0001: two VIP declarations with one address. The runbook's "validate the VIP is not already assigned".</summary>
public static class DuplicateVipRule
{
    public const string Id = RuleIds.DuplicateVip;
    public const string Title = "Duplicate VIP";

    public static void Check(TopologyModel model, Allocations allocations, List<Violation> sink)
    {
        foreach (var group in TopologyRules.Conflicts(model.Vips, AddressOf))
        {
            var keeper = allocations.AddressKeeper(group);
            foreach (var vip in group)
            {
                sink.Add(new Violation(
                    Id,
                    vip.Key,
                    vip.SiteOf(nameof(Vip.Address)),
                    "VIP " + vip.Address + " of " + vip.Field + " is also declared by " + TopologyRules.DescribeOthers(group, vip)
                    + "; each address can be bound only once",
                    TopologyRules.OtherSites(group, vip, nameof(Vip.Address)))
                {
                    Replacement = ReferenceEquals(vip, keeper) ? null : allocations.NextFreeAddress(vip),
                });
            }
        }
    }

    private static uint? AddressOf(VipDeclaration vip) => vip.TryGetAddress(out var address) ? address : null;
}
