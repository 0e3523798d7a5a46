using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0023: an advert interval keepalived would not take as written. The emitter writes VRRPv3, whose interval is in
/// centiseconds up to 40.95 s; keepalived 2.2 rounds anything else, or ignores it, with only a log line (and exit 0 from -t).
/// </summary>
public static class AdvertIntervalRule
{
    public const string Id = RuleIds.AdvertInterval;
    public const string Title = "Advert interval keepalived does not accept";

    public const int LowestMs = 10;
    public const int HighestMs = 40_950;

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var pair in model.Pairs)
        {
            if (pair.AdvertIntervalMs is not { } ms || (ms is >= LowestMs and <= HighestMs && ms % 10 == 0))
            {
                continue;
            }

            sink.Add(new Violation(Id, pair.Key, pair.SiteOf(nameof(ProxyPair.AdvertIntervalMs)),
                "advert interval " + ms + " ms of " + pair.Field + " is not one keepalived takes: VRRPv3 carries it in centiseconds, "
                + LowestMs + "-" + HighestMs + " ms in steps of 10 (keepalived rounds or ignores anything else, and says so only in its log)",
                []));
        }
    }
}
