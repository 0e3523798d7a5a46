using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// A pair's nodes take an apply one after the other: the node not holding the VIPs first (staged, swapped, reloaded,
/// verified), the one serving clients last, so HAProxy never reloads on both at once and a bad generation is caught where
/// no client sees it. Apply commits hosts in sequence; this picks the sequence.
/// </summary>
internal static partial class PairRoll
{
    public const string Sysctl = SysctlWriter.LiveDirectory + "/" + SysctlWriter.FileName;

    public static bool IsPairNode(IReadOnlyDictionary<string, string?> files) => files.ContainsKey(KeepalivedConfigWriter.LivePath);

    /// <summary>The other nodes of <paramref name="host"/>'s pair in deploy/: the hosts whose keepalived.conf runs the same VRRP instance.</summary>
    public static IReadOnlyList<string> PeersIn(IReadOnlyDictionary<string, SortedDictionary<string, string?>> deployables, string host) =>
        deployables.TryGetValue(host, out var files) && Instance(files.GetValueOrDefault(KeepalivedConfigWriter.LivePath)) is { } instance
            ? deployables.Where(d => d.Key != host && Instance(d.Value.GetValueOrDefault(KeepalivedConfigWriter.LivePath)) == instance).Select(d => d.Key).ToList()
            : [];

    private static string? Instance(string? keepalived) => keepalived is not null && InstanceLine().Match(keepalived) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The VIPs a node's keepalived.conf holds.</summary>
    public static IEnumerable<string> Vips(string? keepalived) => VipLine().Matches(keepalived ?? string.Empty).Select(m => m.Groups[1].Value);

    /// <summary>Proxy hosts in rolling order (nodes holding a VIP last, then by name); the DNS host keeps its place.</summary>
    public static List<string> Order(IReadOnlyList<string> order, Func<string, bool> holdsVip)
    {
        var proxies = new Queue<string>(order.Where(h => !Deployables.IsDns(h)).OrderBy(h => holdsVip(h) ? 1 : 0).ThenBy(h => h, StringComparer.Ordinal));
        return order.Select(h => Deployables.IsDns(h) ? h : proxies.Dequeue()).ToList();
    }

    /// <summary>Asks each changing pair node whether it holds its pair's VIPs now, and orders the commits by it.</summary>
    public static async Task<List<string>> OrderAsync(
        IReadOnlyList<string> order, IReadOnlyDictionary<string, SortedDictionary<string, string?>> live, IReadOnlyDictionary<string, SortedDictionary<string, string?>> targets,
        IReadOnlyDictionary<string, HostSession> sessions, TextWriter output)
    {
        var holders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in order.Where(h => IsPairNode(targets[h])))
        {
            if (await HoldsAsync(sessions[host], live[host], targets[host]))
            {
                holders.Add(host);
            }
        }

        var rolled = Order(order, holders.Contains);
        if (order.Any(h => IsPairNode(targets[h])))
        {
            output.WriteLine("pair: rolling, one node at a time: " + string.Join(" then ", rolled.Where(h => !Deployables.IsDns(h)).Select(h => h + (holders.Contains(h) ? " (holds the VIPs)" : string.Empty))));
        }

        return rolled;
    }

    /// <summary>
    /// Whether the node serves its pair: it has any VIP its live or its new keepalived.conf lists. A VIP the new file adds
    /// is held by nobody yet, so asking about one VIP of the new file alone can take the master for the backup.
    /// </summary>
    public static async Task<bool> HoldsAsync(HostSession session, IReadOnlyDictionary<string, string?> live, IReadOnlyDictionary<string, string?> target)
    {
        var vips = Vips(live.GetValueOrDefault(KeepalivedConfigWriter.LivePath)).Union(Vips(target.GetValueOrDefault(KeepalivedConfigWriter.LivePath)), StringComparer.Ordinal).ToList();
        return vips.Count > 0 && await session.TryRunAsync(
            "a=$(ip -4 -o addr show)\nfor v in " + string.Join(' ', vips.Select(v => Shell.Quote(" " + v + "/"))) + "; do printf '%s' \"$a\" | grep -qF -- \"$v\" && return 0; done\nreturn 1",
            TimeSpan.FromSeconds(30)) is { Code: 0 };
    }

    /// <summary><c>keepalived -t</c> on the staged file: exit 0 and not a word (it rounds and ignores values with exit 0).</summary>
    public static async Task CheckAsync(HostSession session, string staged)
    {
        var check = await session.TryRunAsync(
            "command -v keepalived >/dev/null || { echo 'keepalived is not installed on the host'; return 3; }\nout=$(keepalived -t -f " + Shell.Quote(staged) + " 2>&1); code=$?\nprintf '%s' \"$out\"\n[ $code -eq 0 ] && [ -z \"$out\" ]",
            TimeSpan.FromSeconds(60));
        if (check is not { Code: 0 })
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, session.Host + ": keepalived -t " + staged + ": " + (check is null ? session.TransportErrors : HostSession.OneLine(check.Value.Output)) + "; nothing live changed");
        }
    }

    /// <summary>After the swap: the sysctl file loaded (before HAProxy binds VIPs it may not hold), keepalived reloaded when its file changed.</summary>
    public static Task LoadSysctlAsync(HostSession session) => session.RunAsync("sysctl -p " + Sysctl, "sysctl -p " + Shell.Quote(Sysctl));

    public static Task ReloadKeepalivedAsync(HostSession session) => session.RunAsync(
        "reload keepalived",
        "pid=$(cat /run/keepalived.pid 2>/dev/null) && kill -0 \"$pid\" 2>/dev/null || { echo 'keepalived is not running (/run/keepalived.pid)'; return 4; }\nkill -HUP \"$pid\"");

    /// <summary>On the node holding the VIPs, waits until keepalived has added every VIP its reloaded file lists.</summary>
    public static Task WaitForVipsAsync(HostSession session, IReadOnlyDictionary<string, string?> target)
    {
        var vips = Vips(target.GetValueOrDefault(KeepalivedConfigWriter.LivePath)).ToList();
        var all = string.Join(" && ", vips.Select(v => "printf '%s' \"$a\" | grep -qF " + Shell.Quote(" " + v + "/")));
        return session.RunAsync(
            "wait for the VIPs",
            "i=0\nwhile :; do a=$(ip -4 -o addr show); " + (vips.Count == 0 ? "true" : all) + " && return 0\n"
            + "i=$((i+1)); [ $i -ge 50 ] && { echo 'keepalived has not added every VIP after 5 s'; return 4; }\nsleep 0.1\ndone");
    }

    [GeneratedRegex(@"^\s+(\d+\.\d+\.\d+\.\d+)/\d+ dev ", RegexOptions.Multiline)]
    private static partial Regex VipLine();

    [GeneratedRegex(@"^vrrp_instance (\S+) \{", RegexOptions.Multiline)]
    private static partial Regex InstanceLine();
}
