using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Dsl.Checking;

/// <summary>
/// Hands out free VIP addresses and alias numbers for the code fixes, each at most once per check run: every address or
/// alias already declared is taken, and so is every one already offered.
/// </summary>
public sealed class Allocations
{
    private readonly TopologyModel model;
    private readonly HashSet<uint> takenAddresses = [];
    private readonly Dictionary<string, uint> nextAddressByPool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> takenAliasesByInterface = new(StringComparer.Ordinal);

    /// <summary>Each pool's entry of <see cref="takenAliasesByInterface"/>, so its key is built once per pool, not once per VIP.</summary>
    private readonly Dictionary<PoolDeclaration, HashSet<int>> takenAliasesByPool = [];

    public Allocations(TopologyModel model)
    {
        this.model = model;
        foreach (var vip in model.Vips)
        {
            if (vip.TryGetAddress(out var address))
            {
                takenAddresses.Add(address);
            }

            if (vip.Alias is { } alias && model.PoolOf(vip) is { } pool)
            {
                AliasesOn(pool).Add(alias);
            }
        }
    }

    /// <summary>The next free address of the VIP's pool, as a C# string literal; null when the pool is unreadable or full.</summary>
    public string? NextFreeAddress(VipDeclaration vip)
    {
        if (model.PoolOf(vip) is not { } pool || AddressRange.Of(pool) is not { } range)
        {
            return null;
        }

        var candidate = nextAddressByPool.TryGetValue(pool.Key, out var next) ? next : range.First;
        for (; candidate <= range.Last && candidate >= range.First; candidate++)
        {
            if (range.IsUsable(candidate) && takenAddresses.Add(candidate))
            {
                nextAddressByPool[pool.Key] = candidate + 1;
                return "\"" + Ipv4.Format(candidate) + "\"";
            }

            if (candidate == uint.MaxValue)
            {
                break;
            }
        }

        nextAddressByPool[pool.Key] = range.Last;
        return null;
    }

    /// <summary>The smallest free alias number (from 1) on the VIP's host interface whose name still fits IFNAMSIZ.</summary>
    public string? NextFreeAlias(VipDeclaration vip)
    {
        if (model.PoolOf(vip) is not { Interface: { } parentInterface } pool)
        {
            return null;
        }

        var taken = AliasesOn(pool);
        for (var alias = 1; AliasClashRule.AliasName(parentInterface, alias).Length <= Names.MaxInterfaceName; alias++)
        {
            if (taken.Add(alias))
            {
                return alias.ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private HashSet<int> AliasesOn(PoolDeclaration pool)
    {
        if (takenAliasesByPool.TryGetValue(pool, out var set))
        {
            return set;
        }

        var key = (pool.Host is { } host ? Names.HostKey(host) : null) + "\n" + pool.Interface;
        if (!takenAliasesByInterface.TryGetValue(key, out set))
        {
            set = [];
            takenAliasesByInterface.Add(key, set);
        }

        takenAliasesByPool.Add(pool, set);
        return set;
    }

    /// <summary>The member of a conflict that keeps its value (the first by key); the fixes move the others.</summary>
    public static T Keeper<T>(IEnumerable<T> group)
        where T : Declaration =>
        group.OrderBy(d => d.Key, StringComparer.Ordinal).First();
}
