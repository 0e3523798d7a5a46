using System.Collections.Generic;
using System.Globalization;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0022: unicast peers that are not the pair's two node addresses: an advert sent to any other address goes nowhere,
/// and a node whose address is missing never hears its peer, so both become master.
/// </summary>
public static class UnicastPeerRule
{
    public const string Id = RuleIds.UnicastPeer;
    public const string Title = "Unicast peers are not the pair's nodes";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var pair in model.Pairs)
        {
            if (pair.UnicastPeers is not { } peers)
            {
                continue;
            }

            var nodes = new[] { pair.FirstAddress, pair.SecondAddress };
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var unreadable = false;
            for (var i = 0; i < peers.Count; i++)
            {
                var argument = nameof(ProxyPair.UnicastPeers) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (peers[i] is not { } peer)
                {
                    unreadable = true;
                    continue;
                }

                if (!seen.Add(peer))
                {
                    sink.Add(new Violation(Id, pair.Key, pair.SiteOf(argument), "unicast peer " + peer + " of " + pair.Field + " is listed twice", []));
                }
                else if (peer != pair.FirstAddress && peer != pair.SecondAddress)
                {
                    sink.Add(new Violation(Id, pair.Key, pair.SiteOf(argument),
                        "unicast peer " + peer + " of " + pair.Field + " is neither node's address (" + pair.FirstAddress + ", " + pair.SecondAddress + "); adverts sent there go nowhere",
                        []));
                }
            }

            foreach (var node in nodes)
            {
                if (node is not null && !seen.Contains(node) && !unreadable)
                {
                    sink.Add(new Violation(Id, pair.Key, pair.SiteOf(nameof(ProxyPair.UnicastPeers)),
                        "unicast peers of " + pair.Field + " leave out the node address " + node + "; its peer's adverts never reach it, and both nodes become master", []));
                }
            }
        }
    }
}
