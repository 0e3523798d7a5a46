using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0004: two VIPs on one host interface with the same alias number (<c>ens18:3</c> twice: the second <c>ifup</c> fails or
/// replaces the first), a negative alias, an alias name longer than IFNAMSIZ allows, or two interfaces of one host whose
/// ifupdown files would have one name (<c>ens18.100</c> and <c>ens18_100</c>: run-parts names have no dots).
/// </summary>
public static class AliasClashRule
{
    public const string Id = RuleIds.AliasClash;
    public const string Title = "Alias clash on an interface";

    public static string AliasName(string parentInterface, int alias) => parentInterface + ":" + alias.ToString(CultureInfo.InvariantCulture);

    public static void Check(TopologyModel model, Allocations allocations, List<Violation> sink)
    {
        foreach (var vip in model.Vips)
        {
            if (vip.Alias is not { } alias || model.PoolOf(vip) is not { Interface: { } parentInterface } pool)
            {
                continue;
            }

            if (alias < 0)
            {
                Report(vip, "alias " + alias + " of " + vip.Field + " is negative; aliases are " + parentInterface + ":0 and up", [], allocations, sink);
            }
            else if (AliasName(parentInterface, alias).Length > Names.MaxInterfaceName)
            {
                Report(vip, "alias name " + AliasName(parentInterface, alias) + " of " + vip.Field + " is longer than the " + Names.MaxInterfaceName
                    + " characters Linux allows for an interface name (IFNAMSIZ); " + pool.Field + " needs a shorter interface or alias", [], allocations, sink);
            }
        }

        // Each pool's host interface as a number, once: pools on one host (case-insensitive) and interface (case-sensitive) share it.
        var interfaces = new Dictionary<(string, string), int>();
        var interfaceOf = new Dictionary<PoolDeclaration, int>();
        foreach (var pool in model.Pools)
        {
            if (model.OwnerOf(pool) is { } host && pool.Interface is { } parentInterface)
            {
                var name = (host.ToLowerInvariant(), parentInterface);
                if (!interfaces.TryGetValue(name, out var number))
                {
                    number = interfaces.Count;
                    interfaces.Add(name, number);
                }

                interfaceOf[pool] = number;
            }
        }

        ReportSharedInterfaceFiles(model, sink);

        foreach (var group in TopologyRules.Conflicts(model.Vips, v => InterfaceKey(model, interfaceOf, v)))
        {
            var keeper = allocations.AliasKeeper(group);
            foreach (var vip in group)
            {
                var name = AliasName(model.PoolOf(vip)!.Interface!, vip.Alias!.Value);
                Report(
                    vip,
                    "alias " + name + " on " + model.OwnerOf(model.PoolOf(vip)!) + " of " + vip.Field + " is also used by " + TopologyRules.DescribeOthers(group, vip)
                    + "; each alias carries one address",
                    TopologyRules.OtherSites(group, vip, nameof(Vip.Alias)),
                    ReferenceEquals(vip, keeper) ? null : allocations,
                    sink);
            }
        }
    }

    /// <summary>Pools on one host whose different interfaces map to one interfaces.d file name: the emitter would write one over the other.</summary>
    private static void ReportSharedInterfaceFiles(TopologyModel model, List<Violation> sink)
    {
        var byFile = new Dictionary<(string Host, string File), List<PoolDeclaration>>();
        foreach (var pool in model.Pools)
        {
            if (pool.Host is { } host && pool.Interface is { } parentInterface && Names.IsInterfaceName(parentInterface))
            {
                var key = (Names.HostKey(host), Names.RunPartsName(parentInterface));
                if (!byFile.TryGetValue(key, out var pools))
                {
                    byFile.Add(key, pools = []);
                }

                pools.Add(pool);
            }
        }

        foreach (var entry in byFile)
        {
            var ((host, file), pools) = (entry.Key, entry.Value);
            if (pools.Select(p => p.Interface).Distinct(System.StringComparer.Ordinal).Count() < 2)
            {
                continue;
            }

            foreach (var pool in pools)
            {
                var others = pools.Where(p => p.Interface != pool.Interface).ToList();
                sink.Add(new Violation(
                    Id,
                    pool.Key,
                    pool.SiteOf(nameof(VipPool.Interface)),
                    "interface " + pool.Interface + " of " + pool.Field + " and " + string.Join(", ", others.Select(p => p.Interface + " of " + p.Describe()))
                    + " on " + host + " would share the ifupdown file lef-" + file + " (a dot becomes '_': run-parts names have no dots); rename one",
                    others.Select(p => p.SiteOf(nameof(VipPool.Interface))).ToList()));
            }
        }
    }

    /// <summary>Host, interface and alias: the name <c>ifup</c> brings up on that host. Case matters: Linux names are case-sensitive.</summary>
    private static long? InterfaceKey(TopologyModel model, Dictionary<PoolDeclaration, int> interfaceOf, VipDeclaration vip) =>
        vip.Alias is { } alias && alias >= 0 && model.PoolOf(vip) is { } pool && interfaceOf.TryGetValue(pool, out var number)
            ? ((long)number << 32) | (uint)alias
            : null;

    private static void Report(VipDeclaration vip, string message, IReadOnlyList<SourceSite> others, Allocations? allocations, List<Violation> sink) =>
        sink.Add(new Violation(Id, vip.Key, vip.SiteOf(nameof(Vip.Alias)), message, others)
        {
            Replacement = allocations?.NextFreeAlias(vip),
        });
}
