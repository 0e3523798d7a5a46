using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0020: one machine in two roles: a pair whose two nodes are one host or one address (the "pair" fails with it), or a
/// host that is a node of two pairs (its keepalived.conf and haproxy.cfg would be two files in one place).
/// </summary>
public static class HostInTwoRolesRule
{
    public const string Id = RuleIds.HostInTwoRoles;
    public const string Title = "One host in two roles";

    private static readonly string FirstHost = nameof(ProxyPair.First) + "." + nameof(PairNode.Host);
    private static readonly string SecondHost = nameof(ProxyPair.Second) + "." + nameof(PairNode.Host);

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        var pairsByNode = new Dictionary<string, (PairDeclaration Pair, string Argument)>();
        foreach (var pair in model.Pairs)
        {
            if (pair.FirstHost is { } first && pair.SecondHost is { } second && Names.SameHost(first, second))
            {
                sink.Add(new Violation(Id, pair.Key, pair.SiteOf(SecondHost),
                    "both nodes of " + pair.Field + " are " + second + "; the pair is a single machine and fails with it", [pair.SiteOf(FirstHost)]));
            }
            else if (pair.FirstAddress is { } address && address == pair.SecondAddress)
            {
                var at = nameof(ProxyPair.Second) + "." + nameof(PairNode.Address);
                sink.Add(new Violation(Id, pair.Key, pair.SiteOf(at),
                    "both nodes of " + pair.Field + " have the address " + address + "; the pair is a single machine and fails with it",
                    [pair.SiteOf(nameof(ProxyPair.First) + "." + nameof(PairNode.Address))]));
            }

            foreach (var (host, argument) in new[] { (pair.FirstHost, FirstHost), (pair.SecondHost, SecondHost) })
            {
                if (host is null)
                {
                    continue;
                }

                if (!pairsByNode.TryGetValue(Names.HostKey(host), out var other))
                {
                    pairsByNode.Add(Names.HostKey(host), (pair, argument));
                }
                else if (!ReferenceEquals(other.Pair, pair))
                {
                    foreach (var (self, selfArgument, them, theirArgument) in new[] { (pair, argument, other.Pair, other.Argument), (other.Pair, other.Argument, pair, argument) })
                    {
                        sink.Add(new Violation(Id, self.Key, self.SiteOf(selfArgument),
                            host + " is a node of " + self.Field + " and of " + them.Describe() + "; one host runs one keepalived.conf and one haproxy.cfg, so it can be in one pair",
                            [them.SiteOf(theirArgument)]));
                    }
                }
            }
        }
    }
}
