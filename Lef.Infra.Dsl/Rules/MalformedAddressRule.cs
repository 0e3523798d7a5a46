using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>LEF0013: an address that is not strict dotted-quad IPv4, or a network with host bits set.</summary>
public static class MalformedAddressRule
{
    public const string Id = RuleIds.MalformedAddress;
    public const string Title = "Malformed IPv4 address";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var pool in model.Pools)
        {
            if (pool.Network is { } network && !Ipv4Network.TryParse(network, out _, out var error))
            {
                Report(pool, nameof(VipPool.Network), "network \"" + Names.Printable(network) + "\" of " + pool.Field + " is malformed: " + Names.Printable(error), sink);
            }

            CheckAddress(pool, pool.First, nameof(VipPool.First), sink);
            CheckAddress(pool, pool.Last, nameof(VipPool.Last), sink);
        }

        foreach (var vip in model.Vips)
        {
            if (vip.Address is not null && !vip.TryGetAddress(out _))
            {
                ReportAddress(vip, vip.Address, nameof(Vip.Address), sink);
            }
        }

        foreach (var pair in model.Pairs)
        {
            CheckAddress(pair, pair.FirstAddress, nameof(ProxyPair.First) + "." + nameof(PairNode.Address), sink);
            CheckAddress(pair, pair.SecondAddress, nameof(ProxyPair.Second) + "." + nameof(PairNode.Address), sink);
            for (var i = 0; i < (pair.UnicastPeers?.Count ?? 0); i++)
            {
                CheckAddress(pair, pair.UnicastPeers![i], nameof(ProxyPair.UnicastPeers) + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", sink);
            }
        }

        foreach (var endpoint in model.Endpoints)
        {
            // A host made of digits and dots is meant as an address; anything else is a host name (LEF0006).
            if (endpoint.BackendHost is { } host && !endpoint.TryGetBackendAddress(out _) && Ipv4.LooksLikeAddress(host))
            {
                ReportAddress(endpoint, host, nameof(Endpoint.Backend) + "." + nameof(Backend.Host), sink);
            }
        }

        foreach (var cluster in model.Clusters)
        {
            foreach (var node in cluster.Nodes ?? [])
            {
                if (node.Host is { } host && !node.TryGetAddress(out _) && Ipv4.LooksLikeAddress(host))
                {
                    ReportAddress(cluster, host, node.Argument + "." + nameof(ClusterNode.Host), sink);
                }
            }
        }

        foreach (var view in model.Views)
        {
            CheckClients(view, sink);
        }
    }

    private static void CheckClients(ViewDeclaration view, List<Violation> sink)
    {
        var entries = view.MatchClients ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is { } entry && !ClientMatch.TryParse(entry, out _, out var error))
            {
                var argument = nameof(DnsView.MatchClients) + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                Report(
                    view,
                    argument,
                    "match-clients entry \"" + Names.Printable(entry) + "\" of " + view.Field + " is malformed: " + Names.Printable(error) + " (or write \"" + ClientMatch.Any + "\" for every client)",
                    sink);
            }
        }
    }

    private static void CheckAddress(Declaration owner, string? address, string argument, List<Violation> sink)
    {
        if (address is not null && !Ipv4.TryParse(address, out _))
        {
            ReportAddress(owner, address, argument, sink);
        }
    }

    private static void ReportAddress(Declaration owner, string address, string argument, List<Violation> sink) =>
        Report(
            owner,
            argument,
            argument + " \"" + Names.Printable(address) + "\" of " + owner.Field + " is not a dotted-quad IPv4 address (four octets 0-255, no leading zeros)",
            sink);

    private static void Report(Declaration owner, string argument, string message, List<Violation> sink) =>
        sink.Add(new Violation(Id, owner.Key, owner.SiteOf(argument), message, []));
}
