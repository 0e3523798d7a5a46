using System.Collections.Generic;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>LEF0002: a VIP outside its pool's network or First..Last, or on the network or broadcast address.</summary>
public static class VipOutsidePoolRule
{
    public const string Id = RuleIds.VipOutsidePool;
    public const string Title = "VIP outside its pool";

    public static void Check(TopologyModel model, Allocations allocations, List<Violation> sink)
    {
        foreach (var vip in model.Vips)
        {
            if (model.PoolOf(vip) is not { } pool
                || !vip.TryGetAddress(out var address)
                || !Ipv4Network.TryParse(pool.Network, out var network, out _))
            {
                continue;
            }

            var reason = Reason(address, network, pool);
            if (reason is not null)
            {
                sink.Add(new Violation(
                    Id,
                    vip.Key,
                    vip.SiteOf(nameof(Vip.Address)),
                    "VIP " + vip.Address + " of " + vip.Field + " is outside pool " + pool.Describe() + ": " + reason,
                    [pool.Site])
                {
                    Replacement = allocations.NextFreeAddress(vip),
                });
            }
        }
    }

    private static string? Reason(uint address, Ipv4Network network, PoolDeclaration pool)
    {
        if (!network.Contains(address))
        {
            return "it is not in " + network;
        }

        if (network.Prefix < 31 && address == network.Address)
        {
            return "it is the network address of " + network;
        }

        if (network.Prefix < 31 && address == network.Broadcast)
        {
            return "it is the broadcast address of " + network;
        }

        if (Ipv4.TryParse(pool.First, out var first) && Ipv4.TryParse(pool.Last, out var last) && (address < first || address > last))
        {
            return "it is not in the pool's range " + pool.First + "-" + pool.Last;
        }

        return null;
    }
}
