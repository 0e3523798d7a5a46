using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0006: a name that cannot exist: an endpoint label that is not one DNS label, a backend or pool host that is not a host
/// name, an interface Linux would refuse, a DNS view name that
/// cannot be a folder. Checked strictly, because every name is written into haproxy.cfg, interfaces or a zone.
/// </summary>
public static class InvalidNameRule
{
    public const string Id = RuleIds.InvalidName;
    public const string Title = "Invalid name";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var pool in model.Pools)
        {
            Check(pool, pool.Host, nameof(VipPool.Host), Names.IsHostName, "host name (dot-separated labels of letters, digits and hyphens)", sink);
            Check(pool, pool.Interface, nameof(VipPool.Interface), Names.IsInterfaceName, "interface name (1-15 letters, digits, '-', '_', '.', not starting with '-')", sink);
        }

        foreach (var pair in model.Pairs)
        {
            // The name is keepalived's vrrp_instance name and a word in the facts table: a DNS label fits both.
            Check(pair, pair.Name, nameof(ProxyPair.Name), Names.IsDnsLabel, "pair name (1-63 letters, digits and inner hyphens)", sink);
            Check(pair, pair.FirstHost, nameof(ProxyPair.First) + "." + nameof(PairNode.Host), Names.IsHostName, "host name (dot-separated labels of letters, digits and hyphens)", sink);
            Check(pair, pair.SecondHost, nameof(ProxyPair.Second) + "." + nameof(PairNode.Host), Names.IsHostName, "host name (dot-separated labels of letters, digits and hyphens)", sink);
            Check(pair, pair.Interface, nameof(ProxyPair.Interface), Names.IsInterfaceName, "interface name (1-15 letters, digits, '-', '_', '.', not starting with '-')", sink);
        }

        foreach (var endpoint in model.Endpoints)
        {
            Check(endpoint, endpoint.Name, nameof(Endpoint.Name), Names.IsDnsLabel, "DNS label under db.lef (1-63 letters, digits and inner hyphens, no dots)", sink);

            // A host of digits and dots is an address, checked by LEF0013.
            if (endpoint.BackendHost is { } host && !Ipv4.LooksLikeAddress(host))
            {
                Check(endpoint, host, nameof(Endpoint.Backend) + "." + nameof(Backend.Host), Names.IsHostName, "host name or IPv4 address", sink);
            }
        }

        foreach (var cluster in model.Clusters)
        {
            // The name prefixes HAProxy's server names (orders-1) and is a word in the facts table.
            Check(cluster, cluster.Name, nameof(Cluster.Name), Names.IsDnsLabel, "cluster name (1-63 letters, digits and inner hyphens)", sink);
            foreach (var node in cluster.Nodes ?? [])
            {
                if (node.Host is { } host && !Ipv4.LooksLikeAddress(host))
                {
                    Check(cluster, host, node.Argument + "." + nameof(ClusterNode.Host), Names.IsHostName, "host name or IPv4 address", sink);
                }
            }
        }

        foreach (var view in model.Views)
        {
            // Written into named.conf as a quoted view name and used as a folder under deploy/dns/views/.
            Check(view, view.Name, nameof(DnsView.Name), Names.IsDnsLabel, "view name (1-63 letters, digits and inner hyphens: it is also a folder name)", sink);
        }
    }

    private static void Check(Declaration owner, string? value, string argument, System.Func<string?, bool> isValid, string expected, List<Violation> sink)
    {
        if (value is null || isValid(value))
        {
            return;
        }

        sink.Add(new Violation(
            Id,
            owner.Key,
            owner.SiteOf(argument),
            argument + " \"" + Names.Printable(value) + "\" of " + owner.Field + " is not a valid " + expected,
            []));
    }
}
