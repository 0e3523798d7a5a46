using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0021: a pool of one host on a node of a pair: its VIPs become ifupdown aliases on a machine whose VIPs keepalived
/// owns. An ifup, ifdown or NetworkManager pass over the interface removes keepalived's addresses, keepalived does not
/// notice, and no failover happens (keepalived issue #2564); and the node's haproxy.cfg would no longer be its pair's.
/// </summary>
public static class PairNodeAliasRule
{
    public const string Id = RuleIds.PairNodeAlias;
    public const string Title = "Pair node with ifupdown aliases";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        var nodes = new Dictionary<string, (PairDeclaration Pair, string Argument)>();
        foreach (var pair in model.Pairs)
        {
            foreach (var (host, node) in new[] { (pair.FirstHost, nameof(ProxyPair.First)), (pair.SecondHost, nameof(ProxyPair.Second)) })
            {
                if (host is not null && !nodes.ContainsKey(Names.HostKey(host)))
                {
                    nodes.Add(Names.HostKey(host), (pair, node + "." + nameof(PairNode.Host)));
                }
            }
        }

        if (nodes.Count == 0)
        {
            return;
        }

        foreach (var pool in model.Pools)
        {
            if (pool.PairKey is null && pool.Host is { } host && nodes.TryGetValue(Names.HostKey(host), out var node))
            {
                sink.Add(new Violation(Id, pool.Key, pool.SiteOf(nameof(VipPool.Host)),
                    host + " of " + pool.Field + " is a node of " + node.Pair.Describe() + ", whose VIPs keepalived owns; this pool's VIPs would be ifupdown aliases on it, "
                    + "and an ifup or NetworkManager pass over " + (pool.Interface ?? "the interface") + " removes keepalived's addresses with no failover (keepalived #2564). "
                    + "Declare the pool with Pair: " + node.Pair.Field + " instead",
                    [node.Pair.SiteOf(node.Argument)]));
            }
        }
    }
}
