using System;
using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>LEF0012 (warning): a VIP no endpoint uses. It is still bound as an alias, so it holds a pool address for nothing.</summary>
public static class UnusedVipRule
{
    public const string Id = RuleIds.UnusedVip;
    public const string Title = "VIP used by no endpoint";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        // By reference first (each endpoint's VIP is resolved once per model anyway); by key only for a VIP that looks unused,
        // so a VIP field declared twice (the compiler's error) is not called unused because the model resolves to the other.
        var used = new HashSet<VipDeclaration>();
        foreach (var endpoint in model.Endpoints)
        {
            if (model.VipOf(endpoint) is { } vip)
            {
                used.Add(vip);
            }
        }

        HashSet<string>? usedKeys = null;
        foreach (var vip in model.Vips)
        {
            if (!used.Contains(vip) && !(usedKeys ??= UsedKeys(model)).Contains(vip.Key))
            {
                sink.Add(new Violation(
                    Id, vip.Key, vip.Site, "VIP " + vip.Field + " (" + vip.Address + ") is used by no endpoint; it would be bound for nothing", []));
            }
        }
    }

    private static HashSet<string> UsedKeys(TopologyModel model)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.VipKey is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
