using System;
using System.Collections.Generic;
using System.Linq;
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
        var byName = new Dictionary<string, List<(EndpointDeclaration Endpoint, uint Address)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.Name is not { } name || model.VipOf(endpoint) is not { } vip || !Ipv4.TryParse(vip.Address, out var address))
            {
                continue;
            }

            if (!byName.TryGetValue(name, out var list))
            {
                list = [];
                byName.Add(name, list);
            }

            list.Add((endpoint, address));
        }

        foreach (var list in byName.Values.Where(l => l.Select(e => e.Address).Distinct().Skip(1).Any()))
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
}
