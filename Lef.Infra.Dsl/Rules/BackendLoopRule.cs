using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0010: a backend that points back into the proxy: a VIP, an address inside a pool, a proxy host, a <c>*.db.lef</c>
/// endpoint name, loopback or <c>localhost</c>, or 0.0.0.0 (HAProxy then connects to the connection's own destination,
/// the VIP). HAProxy would connect to itself until it runs out of sockets. An address that is no host (multicast,
/// broadcast, reserved) is reported too: no backend ever answers there.
/// </summary>
public static class BackendLoopRule
{
    public const string Id = RuleIds.BackendLoop;
    public const string Title = "Backend loops back into the proxy";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        var vipsByAddress = new Dictionary<uint, VipDeclaration>(model.Vips.Count);
        foreach (var vip in model.Vips)
        {
            if (vip.TryGetAddress(out var address) && !vipsByAddress.ContainsKey(address))
            {
                vipsByAddress.Add(address, vip);
            }
        }

        // Sorted by First for a binary search: n log n overall, however many pools.
        var ranges = model.Pools.Select(p => (Pool: p, Range: AddressRange.Of(p)))
            .Where(r => r.Range is { } range && range.First <= range.Last)
            .Select(r => (r.Pool, Range: r.Range!.Value))
            .OrderBy(r => r.Range.First)
            .ToArray();
        var poolsByHost = new Dictionary<string, Declaration>(StringComparer.OrdinalIgnoreCase);
        foreach (var pool in model.Pools)
        {
            if (pool.Host is { } host && !poolsByHost.ContainsKey(host))
            {
                poolsByHost.Add(host, pool);
            }
        }

        // A pair's nodes are the proxy too, by name and by their own address.
        var nodesByAddress = new Dictionary<uint, PairDeclaration>();
        foreach (var pair in model.Pairs)
        {
            foreach (var (host, address) in new[] { (pair.FirstHost, pair.FirstAddress), (pair.SecondHost, pair.SecondAddress) })
            {
                if (host is not null && !poolsByHost.ContainsKey(host))
                {
                    poolsByHost.Add(host, pair);
                }

                if (Ipv4.TryParse(address, out var value) && !nodesByAddress.ContainsKey(value))
                {
                    nodesByAddress.Add(value, pair);
                }
            }
        }

        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.BackendHost is not { } host)
            {
                continue;
            }

            var hasAddress = endpoint.TryGetBackendAddress(out var address);
            var loop = LoopOf(host, hasAddress, address, endpoint, vipsByAddress, ranges, poolsByHost, nodesByAddress);
            Report(endpoint, nameof(Endpoint.Backend) + "." + nameof(Backend.Host), "backend " + host, loop, sink);
        }

        foreach (var cluster in model.Clusters)
        {
            foreach (var node in cluster.Nodes ?? [])
            {
                if (node.Host is { } host)
                {
                    var hasAddress = node.TryGetAddress(out var address);
                    var loop = LoopOf(host, hasAddress, address, cluster, vipsByAddress, ranges, poolsByHost, nodesByAddress);
                    Report(cluster, node.Argument + "." + nameof(ClusterNode.Host), node.Argument + " " + host, loop, sink);
                }
            }
        }
    }

    private static void Report(Declaration owner, string argument, string what, (string Reason, SourceSite Site)? loop, List<Violation> sink)
    {
        if (loop is { } found)
        {
            sink.Add(new Violation(
                Id,
                owner.Key,
                owner.SiteOf(argument),
                what + " of " + owner.Field + " " + found.Reason + ": the proxy would forward to itself",
                found.Site == owner.Site ? [] : [found.Site]));
        }
    }

    /// <summary>Why the backend is the proxy itself, and where that is declared; null when it is not.</summary>
    private static (string Reason, SourceSite Site)? LoopOf(
        string host,
        bool hasAddress,
        uint address,
        Declaration endpoint,
        Dictionary<uint, VipDeclaration> vipsByAddress,
        (PoolDeclaration Pool, AddressRange Range)[] ranges,
        Dictionary<string, Declaration> poolsByHost,
        Dictionary<uint, PairDeclaration> nodesByAddress)
    {
        if (hasAddress)
        {
            if (address == 0)
            {
                return ("is the unspecified address: HAProxy sends a server at 0.0.0.0 to each connection's own destination, the VIP", endpoint.Site);
            }

            if (SpecialAddresses.Describe(address) is { } special)
            {
                return ("is in " + special + ", never a database server", endpoint.Site);
            }

            if (vipsByAddress.TryGetValue(address, out var vip))
            {
                return ("is the VIP of " + vip.Describe(), vip.Site);
            }

            if (nodesByAddress.TryGetValue(address, out var pair))
            {
                return ("is a node of the proxy pair " + pair.Describe(), pair.Site);
            }

            return PoolContaining(ranges, address) is { } pool ? ("is inside pool " + pool.Describe(), pool.Site) : null;
        }

        var name = host.TrimEnd('.');
        if (SpecialAddresses.IsLocalHostName(name))
        {
            return ("always resolves to loopback, the proxy host itself (RFC 6761)", endpoint.Site);
        }

        if (poolsByHost.TryGetValue(name, out var proxy))
        {
            return ((proxy is PairDeclaration ? "is a node of the proxy pair " : "is the proxy host of ") + proxy.Describe(), proxy.Site);
        }

        return name.EndsWith(".db.lef", StringComparison.OrdinalIgnoreCase)
            ? ("is an endpoint name under db.lef, which resolves to a VIP", endpoint.Site)
            : null;
    }

    private static PoolDeclaration? PoolContaining((PoolDeclaration Pool, AddressRange Range)[] ranges, uint address)
    {
        // The last range starting at or before the address; overlapping pools are LEF0009's business, so scan back a little.
        int low = 0, high = ranges.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            if (ranges[mid].Range.First <= address)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        for (var i = found; i >= 0 && i > found - 8; i--)
        {
            if (ranges[i].Range.Contains(address))
            {
                return ranges[i].Pool;
            }
        }

        return null;
    }
}
