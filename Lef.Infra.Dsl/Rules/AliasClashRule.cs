using System.Collections.Generic;
using System.Globalization;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0004: two VIPs on one host interface with the same alias number (<c>ens18:3</c> twice: the second <c>ifup</c> fails or
/// replaces the first), a negative alias, or an alias name longer than IFNAMSIZ allows.
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
            if (pool.Host is { } host && pool.Interface is { } parentInterface)
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

        foreach (var group in TopologyRules.Conflicts(model.Vips, v => InterfaceKey(model, interfaceOf, v)))
        {
            var keeper = allocations.AliasKeeper(group);
            foreach (var vip in group)
            {
                var name = AliasName(model.PoolOf(vip)!.Interface!, vip.Alias!.Value);
                Report(
                    vip,
                    "alias " + name + " on " + model.PoolOf(vip)!.Host + " of " + vip.Field + " is also used by " + TopologyRules.DescribeOthers(group, vip)
                    + "; each alias carries one address",
                    TopologyRules.OtherSites(group, vip, nameof(Vip.Alias)),
                    ReferenceEquals(vip, keeper) ? null : allocations,
                    sink);
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
