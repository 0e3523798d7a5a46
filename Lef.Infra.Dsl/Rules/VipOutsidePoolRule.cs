using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0002: a VIP outside its pool's network or First..Last, on the network or broadcast address, or on an address that is
/// no host (loopback, multicast, "this network", reserved).
/// </summary>
public static class VipOutsidePoolRule
{
    public const string Id = RuleIds.VipOutsidePool;
    public const string Title = "VIP outside its pool";

    public static void Check(TopologyModel model, Allocations allocations, List<Violation> sink)
    {
        // Each pool's network and range parsed once, not once per VIP.
        var bounds = new Dictionary<PoolDeclaration, Bounds?>();
        foreach (var vip in model.Vips)
        {
            if (model.PoolOf(vip) is not { } pool
                || !vip.TryGetAddress(out var address)
                || BoundsOf(pool, bounds) is not { } poolBounds)
            {
                continue;
            }

            var reason = Reason(address, poolBounds, pool);
            if (reason is not null)
            {
                sink.Add(new Violation(
                    Id,
                    vip.Key,
                    vip.SiteOf(nameof(Vip.Address)),
                    "VIP " + vip.Address + " of " + vip.Field + " is outside pool " + pool.Describe() + ": " + reason,
                    [pool.Site])
                {
                    // A deployed VIP stays where the hosts bind it: the pool is what changed, so no fix moves it.
                    Replacement = allocations.IsDeployedAtItsAddress(vip) ? null : allocations.NextFreeAddress(vip),
                });
            }
        }
    }

    private static Bounds? BoundsOf(PoolDeclaration pool, Dictionary<PoolDeclaration, Bounds?> bounds)
    {
        if (!bounds.TryGetValue(pool, out var parsed))
        {
            parsed = Ipv4Network.TryParse(pool.Network, out var network, out _)
                ? new Bounds(network, Ipv4.TryParse(pool.First, out var first) && Ipv4.TryParse(pool.Last, out var last) ? (first, last) : null)
                : null;
            bounds.Add(pool, parsed);
        }

        return parsed;
    }

    private static string? Reason(uint address, Bounds bounds, PoolDeclaration pool)
    {
        var network = bounds.Network;
        if (SpecialAddresses.Describe(address, SpecialAddresses.AllowsLoopback(pool.Interface)) is { } special)
        {
            return "it is in " + special + ", where no client can reach it";
        }

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

        if (bounds.Range is { } range && (address < range.First || address > range.Last))
        {
            return "it is not in the pool's range " + pool.First + "-" + pool.Last;
        }

        return null;
    }

    /// <summary>A pool's network, and its First-Last range when both parse.</summary>
    private readonly record struct Bounds(Ipv4Network Network, (uint First, uint Last)? Range);
}
