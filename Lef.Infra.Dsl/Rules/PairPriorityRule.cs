using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0019: a pair whose nodes have equal priorities (the master is whichever has the higher address, by accident), or a
/// priority outside 1-254 (255 is the address owner's, 0 means "stop being master").
/// </summary>
public static class PairPriorityRule
{
    public const string Id = RuleIds.PairPriority;
    public const string Title = "Pair priorities give no master";

    public const int Lowest = 1;
    public const int Highest = 254;

    private static readonly string FirstPriority = nameof(ProxyPair.First) + "." + nameof(PairNode.Priority);
    private static readonly string SecondPriority = nameof(ProxyPair.Second) + "." + nameof(PairNode.Priority);

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var pair in model.Pairs)
        {
            var inRange = InRange(pair, pair.FirstPriority, FirstPriority, sink) & InRange(pair, pair.SecondPriority, SecondPriority, sink);
            if (inRange && pair.FirstPriority is { } first && first == pair.SecondPriority)
            {
                sink.Add(new Violation(Id, pair.Key, pair.SiteOf(SecondPriority),
                    "the nodes of " + pair.Field + " both have priority " + first + "; the pair has no defined master (VRRP breaks the tie by the higher address), "
                    + "so give the node that should hold the VIPs the higher priority",
                    [pair.SiteOf(FirstPriority)]));
            }
        }
    }

    private static bool InRange(PairDeclaration pair, int? priority, string argument, List<Violation> sink)
    {
        if (priority is not { } value || value is >= Lowest and <= Highest)
        {
            return true;
        }

        sink.Add(new Violation(Id, pair.Key, pair.SiteOf(argument),
            argument + " " + value + " of " + pair.Field + " is outside " + Lowest + "-" + Highest + " (255 belongs to a router that owns the addresses, 0 tells the backup to take over)", []));
        return false;
    }
}
