using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0009: a pool whose First..Last is not inside its network (or runs backwards), a network no VIP can be in (wider than
/// /<see cref="WidestPrefix"/>, or loopback, multicast, "this network", reserved), or two pools whose ranges overlap, so one
/// address could be handed out by both (the runbook's "not documented as used elsewhere in Core LAN").
/// </summary>
public static class PoolOverlapRule
{
    public const string Id = RuleIds.PoolOverlap;
    public const string Title = "Pool range invalid or overlapping";

    /// <summary>
    /// The widest network a pool may declare: 65,534 hosts on one interface's segment. The netmask is written to ifupdown,
    /// and a wider one (0.0.0.0/0 writes <c>netmask 0.0.0.0</c>) routes foreign addresses out of the alias.
    /// </summary>
    public const int WidestPrefix = 16;

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        var ranges = new List<(PoolDeclaration Pool, AddressRange Range)>();
        foreach (var pool in model.Pools)
        {
            if (AddressRange.Of(pool) is not { } range)
            {
                continue;
            }

            var unusable = range.Network.Prefix < WidestPrefix
                ? "network " + range.Network + " is wider than /" + WidestPrefix + " (65,534 hosts), wider than one interface's segment; its netmask would route foreign addresses out of the alias"
                : SpecialAddresses.Overlapping(range.Network, SpecialAddresses.AllowsLoopback(pool.Interface)) is { } special ? "network " + range.Network + " is in " + special + ", where no client can reach a VIP"
                : null;
            if (unusable is not null)
            {
                sink.Add(new Violation(Id, pool.Key, pool.SiteOf(nameof(VipPool.Network)), "pool " + pool.Field + ": " + unusable, []));
                continue;
            }

            var problem = range.First > range.Last ? "First " + pool.First + " is after Last " + pool.Last
                : !range.IsUsable(range.First) ? "First " + pool.First + " is not a usable address of " + range.Network
                : !range.IsUsable(range.Last) ? "Last " + pool.Last + " is not a usable address of " + range.Network
                : null;
            if (problem is not null)
            {
                sink.Add(new Violation(Id, pool.Key, pool.SiteOf(problem.StartsWith("Last", System.StringComparison.Ordinal) ? nameof(VipPool.Last) : nameof(VipPool.First)),
                    "pool " + pool.Field + ": " + problem + " (it must lie inside the network, excluding its network and broadcast addresses)", []));
                continue;
            }

            ranges.Add((pool, range));
        }

        // Sweep in First order: a range overlaps an earlier one exactly when it starts before the furthest Last seen so far. n log n.
        (PoolDeclaration Pool, AddressRange Range)? furthest = null;
        foreach (var current in ranges.OrderBy(r => r.Range.First).ThenBy(r => r.Pool.Key, System.StringComparer.Ordinal))
        {
            if (furthest is { } previous && current.Range.First <= previous.Range.Last)
            {
                Report(current.Pool, current.Range, previous.Pool, previous.Range, sink);
                Report(previous.Pool, previous.Range, current.Pool, current.Range, sink);
            }

            if (furthest is null || current.Range.Last > furthest.Value.Range.Last)
            {
                furthest = current;
            }
        }
    }

    private static void Report(PoolDeclaration pool, AddressRange range, PoolDeclaration other, AddressRange otherRange, List<Violation> sink) =>
        sink.Add(new Violation(
            Id,
            pool.Key,
            pool.SiteOf(nameof(VipPool.First)),
            "pool " + pool.Field + " (" + Ipv4.Format(range.First) + "-" + Ipv4.Format(range.Last) + ") overlaps " + other.Describe()
            + " (" + Ipv4.Format(otherRange.First) + "-" + Ipv4.Format(otherRange.Last) + "); an address must belong to one pool",
            [other.SiteOf(nameof(VipPool.First))]));
}
