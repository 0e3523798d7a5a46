using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>LEF0007: a listen or backend port outside 1..65535.</summary>
public static class PortRangeRule
{
    public const string Id = RuleIds.PortRange;
    public const string Title = "Port out of range";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            Check(endpoint, endpoint.Port, nameof(Endpoint.Port), "listen port", sink);
            Check(endpoint, endpoint.BackendPort, nameof(Endpoint.Backend) + "." + nameof(Backend.Port), "backend port", sink);
        }
    }

    private static void Check(EndpointDeclaration endpoint, int? port, string argument, string what, List<Violation> sink)
    {
        if (port is { } value and (< 1 or > 65535))
        {
            sink.Add(new Violation(
                Id,
                endpoint.Key,
                endpoint.SiteOf(argument),
                "the " + what + " of " + endpoint.Field + " is " + value + "; a TCP port is 1 to 65535",
                []));
        }
    }
}
