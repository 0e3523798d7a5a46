using System.Collections.Generic;
using System.Globalization;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0015: an endpoint that lists an external view while its VIP is a private address. Clients outside cannot reach it,
/// and the answer tells them the Core LAN's addressing: split horizon exists to prevent exactly that.
/// </summary>
public static class PrivateAddressInExternalViewRule
{
    public const string Id = RuleIds.PrivateAddressInExternalView;
    public const string Title = "Private address in an external DNS view";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.ViewKeys is not { } keys
                || model.VipOf(endpoint) is not { } vip
                || !vip.TryGetAddress(out var address)
                || PrivateRanges.Describe(address) is not { } range)
            {
                continue;
            }

            for (var i = 0; i < keys.Count; i++)
            {
                if (model.ViewOf(keys[i]) is { Kind: ViewKind.External } view)
                {
                    sink.Add(new Violation(
                        Id,
                        endpoint.Key,
                        endpoint.SiteOf(ElementName(i)),
                        "endpoint " + endpoint.Field + " publishes " + endpoint.Name + ".db.lef -> " + vip.Address + " in external view \""
                        + view.Name + "\", declared by " + view.Describe() + ", but " + vip.Address + " is not a public address (" + range
                        + "); remove the view from Views, or give the endpoint a VIP from a public pool",
                        [view.Site]));
                }
            }
        }
    }

    /// <summary>The argument site of one listed view: <c>Views[1]</c>.</summary>
    public static string ElementName(int index) => nameof(Endpoint.Views) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
