using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Dsl.Checking;

/// <summary>Runs every model rule. Each rule is linear or n log n in the size of the topology: it groups by hash, never pairs.</summary>
public static class TopologyRules
{
    /// <summary>
    /// The rules that only read the model, each its own piece of work. The model and its declarations are safe to read from
    /// several threads (a declaration's lazily resolved VIP, pool and address are replaced whole, never half-written).
    /// </summary>
    private static readonly Action<TopologyModel, List<Violation>>[] Independent =
    [
        MalformedAddressRule.Check,
        InvalidNameRule.Check,
        PoolOverlapRule.Check,
        PortClashRule.Check,
        PortRangeRule.Check,
        NameOnTwoVipsRule.Check,
        BackendLoopRule.Check,
        EnginePortMismatchRule.Check,
        UnusedVipRule.Check,
        UnevaluableValueRule.Check,
        PrivateAddressInExternalViewRule.Check,
        UnusableViewRule.Check,
        EndpointInNoViewRule.Check,
        VirtualRouterIdRule.Check,
        PairPriorityRule.Check,
        HostInTwoRolesRule.Check,
        PairNodeAliasRule.Check,
        UnicastPeerRule.Check,
        AdvertIntervalRule.Check,
        PairNodeAddressRule.Check,
        UncheckedRoleRule.Check,
        RoleCheckKeepsSessionsRule.Check,
        ServerOfTwoEnginesRule.Check,
        CheckPortRule.Check,
    ];

    /// <summary>
    /// Every rule's violations, sorted (<see cref="Sort"/>). The rules run on every core (<see cref="Concurrently"/>): the
    /// three that hand out free values for the code fixes share one <see cref="Allocations"/> and run in order, one piece;
    /// every other rule is a piece of its own. Each piece has its own list, so the result does not depend on the schedule.
    /// </summary>
    public static IReadOnlyList<Violation> Check(TopologyModel model) => Check(model, DeployedEstate.Unknown);

    /// <summary>Every rule's violations; the code fixes keep what <paramref name="estate"/> says is deployed where it is.</summary>
    public static IReadOnlyList<Violation> Check(TopologyModel model, DeployedEstate estate)
    {
        var sinks = new List<Violation>[Independent.Length + 1];
        Concurrently.For(sinks.Length, CancellationToken.None, () => 0, (_, piece) =>
        {
            var sink = new List<Violation>();
            if (piece == Independent.Length)
            {
                var allocations = new Allocations(model, estate);
                DuplicateVipRule.Check(model, allocations, sink);
                VipOutsidePoolRule.Check(model, allocations, sink);
                AliasClashRule.Check(model, allocations, sink);
            }
            else
            {
                Independent[piece](model, sink);
            }

            sinks[piece] = sink;
        });
        return Sort(sinks.SelectMany(sink => sink));
    }

    /// <summary>Violations in file, position, rule order: the order a reader of the output expects, and a stable one.</summary>
    public static IReadOnlyList<Violation> Sort(IEnumerable<Violation> violations) =>
        violations
            .OrderBy(v => v.Site.Path, StringComparer.Ordinal)
            .ThenBy(v => v.Site.Start)
            .ThenBy(v => v.RuleId, StringComparer.Ordinal)
            .ThenBy(v => v.Message, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Groups declarations by a key and yields the groups of two or more (the conflicts), in the order their keys first
    /// appear. Linear, and allocation-free for keys seen once: a clean topology of 10,000 endpoints builds no list at all.
    /// </summary>
    internal static IEnumerable<List<T>> Conflicts<T, TKey>(IEnumerable<T> items, Func<T, TKey?> keyOf)
        where TKey : struct
    {
        var first = new Dictionary<TKey, T>(items is IReadOnlyCollection<T> all ? all.Count : 0);
        Dictionary<TKey, List<T>>? groups = null;
        foreach (var item in items)
        {
            if (keyOf(item) is not { } key)
            {
                continue;
            }

            if (!first.TryGetValue(key, out var earlier))
            {
                first.Add(key, item);
                continue;
            }

            groups ??= [];
            if (!groups.TryGetValue(key, out var group))
            {
                group = [earlier];
                groups.Add(key, group);
            }

            group.Add(item);
        }

        if (groups is null)
        {
            return [];
        }

        // First-appearance order, as before: the code fixes hand out free values in this order.
        var ordered = new List<List<T>>(groups.Count);
        foreach (var key in first.Keys)
        {
            if (groups.TryGetValue(key, out var group))
            {
                ordered.Add(group);
            }
        }

        return ordered;
    }

    /// <summary>The other members of a conflict, as "A (F.cs:1), B (G.cs:2)".</summary>
    internal static string DescribeOthers<T>(IEnumerable<T> group, T self)
        where T : Declaration =>
        string.Join(", ", group.Where(d => !ReferenceEquals(d, self)).Select(d => d.Describe()));

    internal static IReadOnlyList<SourceSite> OtherSites<T>(IEnumerable<T> group, T self, string argument)
        where T : Declaration =>
        group.Where(d => !ReferenceEquals(d, self)).Select(d => d.SiteOf(argument)).ToList();
}
