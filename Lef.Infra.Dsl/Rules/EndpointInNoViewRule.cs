using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0017: an endpoint no DNS view publishes: it lists no view, or it takes the default (every internal view) while only
/// external views are declared. Its name would resolve nowhere, and the runbook's DNS step would be silently skipped.
/// </summary>
public static class EndpointInNoViewRule
{
    public const string Id = RuleIds.EndpointInNoView;
    public const string Title = "Endpoint in no DNS view";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.ViewKeys is { Count: 0 })
            {
                sink.Add(new Violation(
                    Id, endpoint.Key, endpoint.SiteOf(nameof(Endpoint.Views)),
                    "endpoint " + endpoint.Field + " lists no DNS view, so " + endpoint.Name
                    + ".db.lef would resolve nowhere; list its views, or leave Views out to publish it in every internal view",
                    []));
            }
            else if (endpoint.ViewKeys is null && model.Views.Count > 0 && model.ViewsOf(endpoint).Count == 0)
            {
                sink.Add(new Violation(
                    Id, endpoint.Key, endpoint.Site,
                    "endpoint " + endpoint.Field + " is published in every internal DNS view, but no internal view is declared, so "
                    + endpoint.Name + ".db.lef would resolve nowhere; declare an internal view, or list the endpoint's views",
                    []));
            }
        }
    }
}
