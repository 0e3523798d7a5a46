using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// Puts an endpoint's server into drain (no new sessions; open ones go on) through the admin socket, and waits, bounded,
/// for its sessions to end. The answer is how many are left.
/// </summary>
internal static partial class Drain
{
    public static async Task<int> RunAsync(HostSession session, string listen, string server, TimeSpan timeout)
    {
        await SetAsync(session, listen, server, "drain");
        return await WaitAsync(session, listen, server, timeout);
    }

    /// <summary>Waits, bounded, for the server's sessions to end; the answer is how many are left.</summary>
    public static async Task<int> WaitAsync(HostSession session, string listen, string server, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var row = (await StatusReader.ReadAsync(session)).FirstOrDefault(s => s.Listen == listen && s.Server == server);
            var left = row?.Sessions ?? 0;
            if (left == 0 || clock.Elapsed >= timeout)
            {
                return left;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// Sets the servers an apply drained back to ready, when the apply stops before their listens are gone: HAProxy keeps an
    /// admin state across reloads (the server-state file), so a drained server would stay drained, refusing new sessions,
    /// with nothing left to undo it. A listen the apply did remove answers "No such backend", which is fine.
    /// </summary>
    public static async Task UndoAsync(IEnumerable<(HostSession Session, string Listen, string Server)> drained, TextWriter output)
    {
        foreach (var (session, listen, server) in drained)
        {
            try
            {
                var answer = (await session.RunAsync("ready " + listen + "/" + server, SetServer(listen, server, "ready"))).Trim();
                output.WriteLine(session.Host + ": " + listen + "/" + server + ": " + (answer.Length == 0 ? "drain undone, ready again" : HostSession.OneLine(answer)));
            }
            catch (HostStepException e)
            {
                output.WriteLine(session.Host + ": " + listen + "/" + server + ": the drain could not be undone (" + e.Message + "); set it ready with: echo 'set server " + listen + "/" + server + " state ready' | nc -U " + Writers.HaproxyConfigWriter.StatsSocket);
            }
        }
    }

    /// <summary>The endpoint a listen serves: <c>reports-5432</c> is reports's listen on port 5432.</summary>
    public static string EndpointOf(string listen) => ListenName().Match(listen) is { Success: true } match ? match.Groups[1].Value : listen;

    public static string Describe(string listen, int left, TimeSpan timeout) => left == 0
        ? listen + ": drained, no session left"
        : listen + ": " + left.ToString(CultureInfo.InvariantCulture) + " session(s) still open after " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";

    private static async Task SetAsync(HostSession session, string listen, string server, string state)
    {
        var answer = await session.RunAsync(state + " " + listen + "/" + server, SetServer(listen, server, state));
        if (answer.Trim().Length > 0)
        {
            throw new HostStepException(session.Host, state + " " + listen + "/" + server, HostSession.OneLine(answer));
        }
    }

    private static string SetServer(string listen, string server, string state) => HaproxyRuntime.Ask("set server " + listen + "/" + server + " state " + state);

    [GeneratedRegex(@"^(.+)-\d+$")]
    private static partial Regex ListenName();
}
