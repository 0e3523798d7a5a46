using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Apply;

/// <summary>One row of <c>show servers state</c>.</summary>
internal sealed record ServerState(string Listen, string Server, int OperationalState, int CheckResult)
{
    /// <summary>SRV_ST_RUNNING.</summary>
    public bool IsUp => OperationalState == 2;

    /// <summary>CHK_RES_PASSED.</summary>
    public bool CheckPassed => CheckResult == 3;

    /// <summary>CHK_RES_FAILED.</summary>
    public bool CheckFailed => CheckResult == 2;
}

/// <summary>
/// The running HAProxy on a host, through its admin socket (<c>nc -U</c>) and its master: a reload is SIGUSR2 to the master
/// (what <c>systemctl reload haproxy</c> does). HAProxy 2.6 reports no result for a reload; a new worker's pid on the admin
/// socket is the success, the old one still answering after the bound is the failure (the master keeps the old worker).
/// </summary>
internal static class HaproxyRuntime
{
    public static string Ask(string command) =>
        "[ -S " + HaproxyConfigWriter.StatsSocket + " ] || { echo 'HAProxy is not running: no admin socket " + HaproxyConfigWriter.StatsSocket + "'; return 6; }\n"
        + "echo " + Shell.Quote(command) + " | nc -U " + HaproxyConfigWriter.StatsSocket;

    public static async Task<IReadOnlyList<ServerState>> ServersAsync(HostSession session)
    {
        var output = await session.RunAsync("show servers state", Ask("show servers state"));
        return output.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 11 && int.TryParse(f[0], CultureInfo.InvariantCulture, out _))
            .Select(f => new ServerState(f[1], f[3], int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[11], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>
    /// A stopped server (srv_op_state 0, check health 0) as <c>show servers state</c> (version 1) writes one: HAProxy finds
    /// it by listen and server name, and takes the address, weight and check settings from the configuration.
    /// </summary>
    public static string StoppedLine(string listen, string server, int port) =>
        "0 " + listen + " 0 " + server + " - 0 0 1 1 0 1 0 0 6 0 0 0 - " + port.ToString(CultureInfo.InvariantCulture) + " - 0 0 - - 0";

    /// <summary>
    /// Saves the servers' state for the new worker (<see cref="ServerStates"/>: a new or changed server never takes the old
    /// one's), then reloads and waits for the new worker.
    /// </summary>
    public static async Task<string> ReloadAsync(HostSession session, ServerStates states, TimeSpan bound)
    {
        var drop = " " + string.Join(' ', states.DropListens) + " ";
        var down = " " + string.Join(' ', states.StartDown.Select(s => s.Listen + "/" + s.Server)) + " ";

        var stopped = string.Concat(states.StartDown.Select(s => " " + Shell.Quote(StoppedLine(s.Listen, s.Server, s.Port))));
        var tenths = ((int)(bound.TotalSeconds * 10)).ToString(CultureInfo.InvariantCulture);
        var script = $$"""
            command -v nc >/dev/null || { echo 'nc is not installed on the host (netcat-openbsd)'; return 3; }
            [ -S {{HaproxyConfigWriter.StatsSocket}} ] || { echo 'HAProxy is not running: no admin socket {{HaproxyConfigWriter.StatsSocket}}'; return 6; }
            master=$(cat {{HaproxyConfigWriter.PidFile}} 2>/dev/null)
            [ -n "$master" ] && kill -0 "$master" 2>/dev/null || { echo 'no HAProxy master in {{HaproxyConfigWriter.PidFile}}'; return 6; }
            old=$(echo 'show info' | nc -U {{HaproxyConfigWriter.StatsSocket}} | sed -n 's/^Pid: //p')
            { echo 'show servers state' | nc -U {{HaproxyConfigWriter.StatsSocket}} | awk -v drop={{Shell.Quote(drop)}} -v down={{Shell.Quote(down)}} 'NR <= 2 || (index(drop, " " $2 " ") == 0 && index(down, " " $2 "/" $4 " ") == 0)'{{(states.StartDown.Count == 0 ? string.Empty : "; printf '%s\\n'" + stopped)}}; } > {{HaproxyConfigWriter.ServerStateFile}}.next \
              && mv -f {{HaproxyConfigWriter.ServerStateFile}}.next {{HaproxyConfigWriter.ServerStateFile}} || { echo 'cannot write {{HaproxyConfigWriter.ServerStateFile}}'; return 3; }
            kill -USR2 "$master" || return 5
            i=0
            while [ $i -lt {{tenths}} ]; do
              now=$(echo 'show info' | nc -U {{HaproxyConfigWriter.StatsSocket}} 2>/dev/null | sed -n 's/^Pid: //p')
              if [ -n "$now" ] && [ "$now" != "$old" ]; then echo "new worker $now (old $old, master $master)"; return 0; fi
              sleep 0.1; i=$((i + 1))
            done
            echo "the master ($master) kept the old worker ($old): the new configuration did not load (the master's log says why)"; return 5
            """;
        return await session.RunAsync("reload HAProxy", script, bound + TimeSpan.FromSeconds(30));
    }
}
