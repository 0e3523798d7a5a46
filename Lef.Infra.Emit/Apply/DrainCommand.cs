using System;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// <c>drain</c>: every server of an endpoint's listens in drain on every proxy host, waited on (bounded); <c>--ready</c>
/// sets them ready again. An endpoint is found by its listens (<c>reports-5432</c>), not by a server's name: a cluster's
/// servers are named after the cluster and serve every endpoint on it, and draining one endpoint must not drain the others.
/// </summary>
internal static class DrainCommand
{
    public static async Task<int> RunAsync(HostContext context, string endpoint, TimeSpan timeout, bool ready = false)
    {
        var name = endpoint.Split('.')[0].ToLowerInvariant();
        var left = 0;
        var found = 0;
        foreach (var host in context.Targets().Keys.Where(h => !Deployables.IsDns(h)))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, HostContext.ConnectTimeout);
            foreach (var server in (await StatusReader.ReadAsync(session)).Where(s => Drain.EndpointOf(s.Listen) == name))
            {
                found++;

                // A server in maintenance was put there by someone for a reason: drain would take it out of it (HAProxy's
                // drain clears maintenance), and ready would put it back into rotation.
                if (server.InMaintenance)
                {
                    context.Output.WriteLine(host + ": " + server.Listen + "/" + server.Server + ": in maintenance (" + server.State + "), left so");
                    continue;
                }

                if (ready)
                {
                    await Drain.UndoAsync([(session, server.Listen, server.Server)], context.Output);
                    continue;
                }

                var remaining = await Drain.RunAsync(session, server.Listen, server.Server, timeout);
                context.Output.WriteLine(host + ": " + Drain.Describe(server.Listen + "/" + server.Server, remaining, timeout));
                left += remaining;
            }
        }

        if (found == 0)
        {
            context.Errors.WriteLine("error: no live listen for endpoint '" + endpoint + "' on " + string.Join(", ", context.Targets().Keys.Where(h => !Deployables.IsDns(h))));
            return Cli.Usage;
        }

        return left == 0 ? Cli.Ok : ApplyExit.SessionsLeft;
    }
}
