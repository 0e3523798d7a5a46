using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0005: one endpoint name bound to two VIPs. DNS is case-insensitive, so <c>Erp</c> and <c>erp</c> are one name, and it
/// can have one A record: the zone would hold two and clients would be sent to either at random.
/// </summary>
public static class NameOnTwoVipsRule
{
    public const string Id = RuleIds.NameOnTwoVips;
    public const string Title = "Endpoint name bound to two VIPs";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        // First pass: each name's first address, and the names seen with another one. No list for a name that is fine.
        var first = new Dictionary<string, uint>(model.Endpoints.Count, StringComparer.OrdinalIgnoreCase);
        HashSet<string>? conflicting = null;
        foreach (var endpoint in model.Endpoints)
        {
            if (AddressOf(model, endpoint) is not { } address)
            {
                continue;
            }

            if (!first.TryGetValue(endpoint.Name!, out var seen))
            {
                first.Add(endpoint.Name!, address);
            }
            else if (seen != address)
            {
                (conflicting ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(endpoint.Name!);
            }
        }

        if (conflicting is null)
        {
            return;
        }

        // Second pass, for the conflicting names only: every endpoint using them, in model order.
        var byName = new Dictionary<string, List<(EndpointDeclaration Endpoint, uint Address)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in model.Endpoints)
        {
            if (AddressOf(model, endpoint) is not { } address || !conflicting.Contains(endpoint.Name!))
            {
                continue;
            }

            if (!byName.TryGetValue(endpoint.Name!, out var list))
            {
                list = [];
                byName.Add(endpoint.Name!, list);
            }

            list.Add((endpoint, address));
        }

        foreach (var list in byName.Values)
        {
            foreach (var (endpoint, address) in list)
            {
                var others = list.Where(o => o.Address != address).Select(o => o.Endpoint).ToList();
                sink.Add(new Violation(
                    Id,
                    endpoint.Key,
                    endpoint.SiteOf(nameof(Endpoint.Name)),
                    "name " + endpoint.Name!.ToLowerInvariant() + ".db.lef of " + endpoint.Field + " points at " + Ipv4.Format(address)
                    + ", but " + string.Join(", ", others.Select(o => o.Describe() + " on " + model.VipOf(o)!.Address))
                    + " uses the same name (DNS ignores case); one name has one VIP",
                    others.Select(o => o.SiteOf(nameof(Endpoint.Name))).ToList()));
            }
        }
    }

    /// <summary>The address a named endpoint's name resolves to; null when the name, the VIP or its address is unreadable.</summary>
    private static uint? AddressOf(TopologyModel model, EndpointDeclaration endpoint) =>
        endpoint.Name is not null && model.VipOf(endpoint) is { } vip && vip.TryGetAddress(out var address) ? address : null;
}
