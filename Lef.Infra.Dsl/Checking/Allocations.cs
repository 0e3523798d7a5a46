using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Dsl.Checking;

/// <summary>
/// Hands out free VIP addresses and alias numbers for the code fixes, each at most once per check run: every address or
/// alias already declared is taken, and so is every one already offered or deployed (the live hosts still bind it). A VIP
/// that left its deployed address or alias is offered that one back first.
/// </summary>
public sealed class Allocations
{
    private readonly TopologyModel model;
    private readonly DeployedEstate estate;
    private readonly HashSet<uint> takenAddresses = [];
    private readonly Dictionary<string, uint> nextAddressByPool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> takenAliasesByInterface = new(StringComparer.Ordinal);

    /// <summary>Each pool's entry of <see cref="takenAliasesByInterface"/>, so its key is built once per pool, not once per VIP.</summary>
    private readonly Dictionary<PoolDeclaration, HashSet<int>> takenAliasesByPool = [];

    public Allocations(TopologyModel model)
        : this(model, DeployedEstate.Unknown)
    {
    }

    public Allocations(TopologyModel model, DeployedEstate estate)
    {
        this.model = model;
        this.estate = estate;
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

        if (estate.AddressOf(vip.Field) is { } deployed && range.IsUsable(deployed) && takenAddresses.Add(deployed))
        {
            return "\"" + Ipv4.Format(deployed) + "\"";
        }

        return NextFreeAddress(pool);
    }

    /// <summary>The next free address of the pool, as a C# string literal; null when the pool is unreadable or full.</summary>
    public string? NextFreeAddress(PoolDeclaration pool)
    {
        if (AddressRange.Of(pool) is not { } range)
        {
            return null;
        }

        var candidate = nextAddressByPool.TryGetValue(pool.Key, out var next) ? next : range.First;
        for (; candidate <= range.Last && candidate >= range.First; candidate++)
        {
            if (range.IsUsable(candidate) && !estate.IsDeployed(candidate) && takenAddresses.Add(candidate))
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

        if (estate.AliasOf(vip.Field, model.OwnerOf(pool) ?? string.Empty, parentInterface) is { } deployed && AliasesOn(pool).Add(deployed))
        {
            return deployed.ToString(CultureInfo.InvariantCulture);
        }

        return NextFreeAlias(pool);
    }

    /// <summary>The smallest free alias number (from 1) on the pool's host interface whose name still fits IFNAMSIZ.</summary>
    public string? NextFreeAlias(PoolDeclaration pool)
    {
        if (pool.Interface is not { } parentInterface)
        {
            return null;
        }

        var taken = AliasesOn(pool);
        var host = model.OwnerOf(pool) ?? string.Empty;
        for (var alias = 1; AliasClashRule.AliasName(parentInterface, alias).Length <= Names.MaxInterfaceName; alias++)
        {
            if (!estate.IsDeployed(host, AliasClashRule.AliasName(parentInterface, alias)) && taken.Add(alias))
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

        var key = (model.OwnerOf(pool) is { } host ? Names.HostKey(host) : null) + "\n" + pool.Interface;
        if (!takenAliasesByInterface.TryGetValue(key, out set))
        {
            set = [];
            takenAliasesByInterface.Add(key, set);
        }

        takenAliasesByPool.Add(pool, set);
        return set;
    }

    /// <summary>The VIP of a duplicate address that keeps it: the one deployed there, else the first by key. The fixes move the others.</summary>
    public VipDeclaration AddressKeeper(IEnumerable<VipDeclaration> group) => Keeper(group, estate.HoldsAddress);

    /// <summary>The VIP of an alias clash that keeps the alias: the one deployed on it, else the first by key.</summary>
    public VipDeclaration AliasKeeper(IEnumerable<VipDeclaration> group) =>
        Keeper(group, vip => model.PoolOf(vip) is { } pool && estate.HoldsAlias(vip, model.OwnerOf(pool), pool.Interface));

    /// <summary>Whether the VIP is deployed at the address it declares, so no fix may move it.</summary>
    public bool IsDeployedAtItsAddress(VipDeclaration vip) => estate.HoldsAddress(vip);

    private static VipDeclaration Keeper(IEnumerable<VipDeclaration> group, Func<VipDeclaration, bool> isDeployed) =>
        group.OrderBy(vip => isDeployed(vip) ? 0 : 1).ThenBy(vip => vip.Key, StringComparer.Ordinal).First();
}
