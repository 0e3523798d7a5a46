using System;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>drain</c>: an endpoint's server in drain on every proxy host, waited on (bounded).</summary>
internal static class DrainCommand
{
    public static async Task<int> RunAsync(HostContext context, string endpoint, TimeSpan timeout)
    {
        var name = endpoint.Split('.')[0].ToLowerInvariant();
        var left = 0;
        var found = 0;
        foreach (var host in context.Targets().Keys.Where(h => !Deployables.IsDns(h)))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, HostContext.ConnectTimeout);
            foreach (var server in (await StatusReader.ReadAsync(session)).Where(s => s.Server == name))
            {
                found++;
                var remaining = await Drain.RunAsync(session, server.Listen, server.Server, timeout);
                context.Output.WriteLine(host + ": " + Drain.Describe(server.Listen, remaining, timeout));
                left += remaining;
            }
        }

        if (found == 0)
        {
            context.Errors.WriteLine("error: no live server for endpoint '" + endpoint + "' on " + string.Join(", ", context.Targets().Keys.Where(h => !Deployables.IsDns(h))));
            return Cli.Usage;
        }

        return left == 0 ? Cli.Ok : ApplyExit.SessionsLeft;
    }
}
