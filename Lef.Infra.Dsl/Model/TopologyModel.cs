using System;
using System.Collections.Generic;
using System.Linq;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// Every topology declaration, as plain values, with the lookups the rules share. Both readers (the analyzer from
/// source, the emitter from the compiled assembly) produce one; the rules and the writers only ever see this.
/// </summary>
public sealed class TopologyModel
{
    private readonly Dictionary<string, PoolDeclaration> poolsByKey;
    private readonly Dictionary<string, VipDeclaration> vipsByKey;
    private readonly Dictionary<string, ViewDeclaration> viewsByKey;
    private readonly Dictionary<string, PairDeclaration> pairsByKey;
    private readonly Dictionary<string, ClusterDeclaration> clustersByKey;
    private readonly List<ViewDeclaration> internalViews;

    public TopologyModel(IEnumerable<PoolDeclaration> pools, IEnumerable<VipDeclaration> vips, IEnumerable<EndpointDeclaration> endpoints)
        : this(pools, vips, endpoints, [])
    {
    }

    public TopologyModel(
        IEnumerable<PoolDeclaration> pools, IEnumerable<VipDeclaration> vips, IEnumerable<EndpointDeclaration> endpoints, IEnumerable<ViewDeclaration> views)
        : this(pools, vips, endpoints, views, [])
    {
    }

    public TopologyModel(
        IEnumerable<PoolDeclaration> pools, IEnumerable<VipDeclaration> vips, IEnumerable<EndpointDeclaration> endpoints, IEnumerable<ViewDeclaration> views,
        IEnumerable<PairDeclaration> pairs)
        : this(pools, vips, endpoints, views, pairs, [])
    {
    }

    public TopologyModel(
        IEnumerable<PoolDeclaration> pools, IEnumerable<VipDeclaration> vips, IEnumerable<EndpointDeclaration> endpoints, IEnumerable<ViewDeclaration> views,
        IEnumerable<PairDeclaration> pairs, IEnumerable<ClusterDeclaration> clusters)
        : this(Sorted(pools), Sorted(vips), Sorted(endpoints), Sorted(views), Sorted(pairs), Sorted(clusters))
    {
    }

    /// <summary>Every declaration a reader found, of any kind, each kind's in key order (or sorted here).</summary>
    internal static TopologyModel Of(IEnumerable<Declaration> declarations)
    {
        // One pass by kind, not one OfType per kind: this sees every declaration of the estate, on one core, after the
        // reader's parallel file reads.
        List<PoolDeclaration> pools = [];
        List<VipDeclaration> vips = [];
        List<EndpointDeclaration> endpoints = [];
        List<ViewDeclaration> views = [];
        List<PairDeclaration> pairs = [];
        List<ClusterDeclaration> clusters = [];
        foreach (var declaration in declarations)
        {
            switch (declaration)
            {
                case EndpointDeclaration endpoint:
                    endpoints.Add(endpoint);
                    break;
                case VipDeclaration vip:
                    vips.Add(vip);
                    break;
                case PoolDeclaration pool:
                    pools.Add(pool);
                    break;
                case ViewDeclaration view:
                    views.Add(view);
                    break;
                case PairDeclaration pair:
                    pairs.Add(pair);
                    break;
                case ClusterDeclaration cluster:
                    clusters.Add(cluster);
                    break;
            }
        }

        return new(InKeyOrder(pools), InKeyOrder(vips), InKeyOrder(endpoints), InKeyOrder(views), InKeyOrder(pairs), InKeyOrder(clusters));
    }

    /// <summary>Lists in key order, kept as they are.</summary>
    private TopologyModel(
        List<PoolDeclaration> pools, List<VipDeclaration> vips, List<EndpointDeclaration> endpoints, List<ViewDeclaration> views, List<PairDeclaration> pairs,
        List<ClusterDeclaration> clusters)
    {
        Clusters = clusters;
        clustersByKey = ByKey(Clusters);
        Pairs = pairs;
        pairsByKey = ByKey(Pairs);
        Pools = pools;
        Vips = vips;
        Endpoints = endpoints;
        Views = views;
        poolsByKey = ByKey(Pools);
        vipsByKey = ByKey(Vips);
        viewsByKey = ByKey(Views);
        ViewsInMatchOrder = ViewOrder.Sort(Views);
        internalViews = ViewsInMatchOrder.Where(v => v.Kind != ViewKind.External).ToList();
    }

    /// <summary>Sorted by key, so everything downstream is deterministic whatever order the reader found them in.</summary>
    public IReadOnlyList<PoolDeclaration> Pools { get; }

    public IReadOnlyList<VipDeclaration> Vips { get; }

    public IReadOnlyList<EndpointDeclaration> Endpoints { get; }

    /// <summary>The DNS views, by key. None declared: one <c>db.lef</c> zone outside any view.</summary>
    public IReadOnlyList<ViewDeclaration> Views { get; }

    /// <summary>The proxy pairs (<see cref="ProxyPair"/>), by key.</summary>
    public IReadOnlyList<PairDeclaration> Pairs { get; }

    /// <summary>The database clusters (<see cref="Cluster"/>), by key.</summary>
    public IReadOnlyList<ClusterDeclaration> Clusters { get; }

    /// <summary>The views in the order BIND tries them (<see cref="ViewOrder"/>).</summary>
    public IReadOnlyList<ViewDeclaration> ViewsInMatchOrder { get; }

    public PoolDeclaration? PoolOf(VipDeclaration vip) => Linked(ref vip.PoolLink, vip.PoolKey, poolsByKey);

    /// <summary>The pair a pool belongs to; null for a pool of one host (or a reference that names no pair).</summary>
    public PairDeclaration? PairOf(PoolDeclaration pool) => pool.PairKey is null ? null : Linked(ref pool.PairLink, pool.PairKey, pairsByKey);

    /// <summary>Who binds a pool's VIPs, for grouping: its host, or its pair's name (both nodes carry the same aliases).</summary>
    public string? OwnerOf(PoolDeclaration pool) => pool.PairKey is null ? pool.Host : PairOf(pool)?.Name;

    /// <summary>The cluster behind an endpoint; null for one with a single backend (or a reference that names no cluster).</summary>
    public ClusterDeclaration? ClusterOf(EndpointDeclaration endpoint) =>
        endpoint.ClusterKey is null ? null : Linked(ref endpoint.ClusterLink, endpoint.ClusterKey, clustersByKey);

    /// <summary>What speaks behind an endpoint: its own engine, or its cluster's.</summary>
    public Engine? EngineOf(EndpointDeclaration endpoint) => endpoint.ClusterKey is null ? endpoint.Engine : ClusterOf(endpoint)?.Engine;

    public VipDeclaration? VipOf(EndpointDeclaration endpoint) => Linked(ref endpoint.VipLink, endpoint.VipKey, vipsByKey);

    public ViewDeclaration? ViewOf(string? key) => key is not null && viewsByKey.TryGetValue(key, out var view) ? view : null;

    /// <summary>Whether a view publishes an endpoint: <c>ViewsOf(endpoint).Contains(view)</c> without building the list.</summary>
    public bool Publishes(ViewDeclaration view, EndpointDeclaration endpoint)
    {
        if (endpoint.ViewKeys is not { } keys)
        {
            return view.Kind != ViewKind.External;
        }

        foreach (var key in keys)
        {
            if (string.Equals(key, view.Key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The views that publish an endpoint, in match order: the ones it lists, or every internal view when it lists none.</summary>
    public IReadOnlyList<ViewDeclaration> ViewsOf(EndpointDeclaration endpoint)
    {
        if (endpoint.ViewKeys is not { } keys)
        {
            return internalViews;
        }

        var listed = new HashSet<string>(keys.OfType<string>(), StringComparer.Ordinal);
        return ViewsInMatchOrder.Where(v => listed.Contains(v.Key)).ToList();
    }

    private static List<T> Sorted<T>(IEnumerable<T> items)
        where T : Declaration =>
        InKeyOrder(items.ToList());

    /// <summary>The list itself when a reader handed it over in key order (one pass, not a sort), else a sorted copy.</summary>
    private static List<T> InKeyOrder<T>(List<T> list)
        where T : Declaration =>
        IsInKeyOrder(list) ? list : list.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

    /// <summary>Whether every declaration's key is at or after the one before it (ordinal): what the model keeps its lists in.</summary>
    internal static bool IsInKeyOrder<T>(IReadOnlyList<T> items)
        where T : Declaration
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(items[i - 1].Key, items[i].Key) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A reference looked up by key once per model, then kept on the declaration that holds it (<see cref="ResolvedLink"/>).</summary>
    private T? Linked<T>(ref ResolvedLink? slot, string? key, Dictionary<string, T> byKey)
        where T : Declaration
    {
        if (System.Threading.Volatile.Read(ref slot) is { } link && ReferenceEquals(link.Model, this))
        {
            return (T?)link.Target;
        }

        var target = key is not null && byKey.TryGetValue(key, out var found) ? found : null;
        System.Threading.Volatile.Write(ref slot, new ResolvedLink(this, target));
        return target;
    }

    private static Dictionary<string, T> ByKey<T>(IEnumerable<T> items)
        where T : Declaration
    {
        // A duplicate key means a reader bug (two fields cannot share a full name); keep the first rather than throw in an analyzer.
        var map = new Dictionary<string, T>(items is IReadOnlyCollection<T> all ? all.Count : 0, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!map.ContainsKey(item.Key))
            {
                map.Add(item.Key, item);
            }
        }

        return map;
    }
}
