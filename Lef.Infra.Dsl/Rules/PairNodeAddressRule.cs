using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0024: a pair node's own address inside a VIP pool's First..Last: a VIP handed out there would be the node's address,
/// taken away from it whenever keepalived moves the VIPs, and the node would answer adverts as if it owned every address.
/// </summary>
public static class PairNodeAddressRule
{
    public const string Id = RuleIds.PairNodeAddress;
    public const string Title = "Pair node address inside a VIP pool";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        if (model.Pairs.Count == 0)
        {
            return;
        }

        var ranges = model.Pools.Select(p => (Pool: p, Range: AddressRange.Of(p))).Where(r => r.Range is not null).ToList();
        foreach (var pair in model.Pairs)
        {
            foreach (var (address, node) in new[] { (pair.FirstAddress, nameof(ProxyPair.First)), (pair.SecondAddress, nameof(ProxyPair.Second)) })
            {
                if (!Ipv4.TryParse(address, out var value) || ranges.FirstOrDefault(r => r.Range!.Value.Contains(value)).Pool is not { } pool)
                {
                    continue;
                }

                sink.Add(new Violation(Id, pair.Key, pair.SiteOf(node + "." + nameof(PairNode.Address)),
                    node + " address " + address + " of " + pair.Field + " is inside the VIP range of " + pool.Describe() + "; a node's own address is never a VIP, so move it out of First..Last",
                    [pool.SiteOf(nameof(VipPool.First))]));
            }
        }
    }
}
