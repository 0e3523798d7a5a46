using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0011 (warning): the engine and the port disagree, e.g. PostgreSql on 1433. The engine picks the health check, so a
/// wrong engine marks a healthy backend down (fail closed, but for nothing), and Tcp on a database port checks only a connect.
/// </summary>
public static class EnginePortMismatchRule
{
    public const string Id = RuleIds.EnginePortMismatch;
    public const string Title = "Engine and port disagree";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            // An endpoint of a cluster speaks its cluster's engine.
            if (model.EngineOf(endpoint) is not { } engine)
            {
                continue;
            }

            Check(endpoint, engine, endpoint.Port, nameof(Endpoint.Port), sink);
            Check(endpoint, engine, endpoint.BackendPort, nameof(Endpoint.Backend) + "." + nameof(Backend.Port), sink);
        }
    }

    private static void Check(EndpointDeclaration endpoint, Engine engine, int? port, string argument, List<Violation> sink)
    {
        var expected = port switch
        {
            Ports.SqlServer => Engine.SqlServer,
            Ports.PostgreSql => Engine.PostgreSql,
            _ => (Engine?)null,
        };
        if (expected is { } wellKnown && wellKnown != engine)
        {
            sink.Add(new Violation(
                Id,
                endpoint.Key,
                endpoint.SiteOf(argument),
                endpoint.Field + (endpoint.ClusterKey is null ? " uses Engine." : " is on a cluster of Engine.") + engine + " on port " + port + ", which is " + wellKnown + "'s port; the health check follows the engine, so check which one is right",
                []));
        }
    }
}
