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

    public TopologyModel(IEnumerable<PoolDeclaration> pools, IEnumerable<VipDeclaration> vips, IEnumerable<EndpointDeclaration> endpoints)
    {
        Pools = Sorted(pools);
        Vips = Sorted(vips);
        Endpoints = Sorted(endpoints);
        poolsByKey = ByKey(Pools);
        vipsByKey = ByKey(Vips);
    }

    /// <summary>Sorted by key, so everything downstream is deterministic whatever order the reader found them in.</summary>
    public IReadOnlyList<PoolDeclaration> Pools { get; }

    public IReadOnlyList<VipDeclaration> Vips { get; }

    public IReadOnlyList<EndpointDeclaration> Endpoints { get; }

    public PoolDeclaration? PoolOf(VipDeclaration vip) =>
        vip.PoolKey is { } key && poolsByKey.TryGetValue(key, out var pool) ? pool : null;

    public VipDeclaration? VipOf(EndpointDeclaration endpoint) =>
        endpoint.VipKey is { } key && vipsByKey.TryGetValue(key, out var vip) ? vip : null;

    private static List<T> Sorted<T>(IEnumerable<T> items)
        where T : Declaration =>
        items.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();

    private static Dictionary<string, T> ByKey<T>(IEnumerable<T> items)
        where T : Declaration
    {
        // A duplicate key means a reader bug (two fields cannot share a full name); keep the first rather than throw in an analyzer.
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
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
