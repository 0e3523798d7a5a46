using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// Puts an endpoint's server into drain (no new sessions; open ones go on) through the admin socket, and waits, bounded,
/// for its sessions to end. The answer is how many are left.
/// </summary>
internal static class Drain
{
    public static async Task<int> RunAsync(HostSession session, string listen, string server, TimeSpan timeout)
    {
        var answer = await session.RunAsync("drain " + listen + "/" + server, HaproxyRuntime.Ask("set server " + listen + "/" + server + " state drain"));
        if (answer.Trim().Length > 0)
        {
            throw new HostStepException(session.Host, "drain " + listen + "/" + server, HostSession.OneLine(answer));
        }

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

    public static string Describe(string listen, int left, TimeSpan timeout) => left == 0
        ? listen + ": drained, no session left"
        : listen + ": " + left.ToString(CultureInfo.InvariantCulture) + " session(s) still open after " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";
}
