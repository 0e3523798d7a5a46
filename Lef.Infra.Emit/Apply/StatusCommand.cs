using System;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>status</c>: per endpoint its live state from HAProxy, the live generation and the journal's last lines.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(HostContext context)
    {
        foreach (var host in Deployables.InApplyOrder(context.Targets().Keys))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, HostContext.ConnectTimeout);
            var (current, _) = await Generation.ListAsync(session);
            var meta = current is null ? "no generation applied yet" : (await session.RunAsync("read generation", "cat " + Shell.Quote(Generation.Folder(current.Value) + "/meta") + " 2>/dev/null || true")).Trim();
            context.Output.WriteLine("## " + host + ": generation " + (current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") + " (" + meta + ")");
            if (!Deployables.IsDns(host))
            {
                context.Output.WriteLine("| listen | server | state | check | last check | sessions |");
                context.Output.WriteLine("| --- | --- | --- | --- | --- | ---: |");
                foreach (var server in await StatusReader.ReadAsync(session))
                {
                    context.Output.WriteLine("| " + server.Listen + " | " + server.Server + " | " + server.State + " | " + server.Check + " | " + server.CheckDetail + " | " + server.Sessions + " |");
                }
            }

            foreach (var line in await Journal.LastAsync(session, 5))
            {
                context.Output.WriteLine("journal: " + line);
            }
        }

        return Cli.Ok;
    }
}
