using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// The health-check timing the emitted haproxy.cfg declares, read from the file itself so the rehearsal's bounds follow
/// the config: <c>default-server inter 2s fall 2 rise 2</c> and <c>timeout check 2s</c>.
/// </summary>
internal sealed partial record HaproxyTimers(TimeSpan Interval, int Fall, int Rise, TimeSpan CheckTimeout)
{
    /// <summary>Longest time from a backend failing to the server marked down: up to one interval to the next check, fall checks, each may time out.</summary>
    public TimeSpan DownWindow => Interval * (Fall + 1) + CheckTimeout;

    /// <summary>Longest time from a backend answering again to the server marked up.</summary>
    public TimeSpan UpWindow => Interval * (Rise + 1) + CheckTimeout;

    public static HaproxyTimers Parse(string config)
    {
        var server = DefaultServer().Match(config);
        var check = CheckTimeoutLine().Match(config);
        if (!server.Success || !check.Success)
        {
            throw new FormatException("haproxy.cfg has no 'default-server inter Ns fall N rise N' or 'timeout check Ns' line");
        }

        return new HaproxyTimers(
            TimeSpan.FromSeconds(int.Parse(server.Groups["inter"].Value, CultureInfo.InvariantCulture)),
            int.Parse(server.Groups["fall"].Value, CultureInfo.InvariantCulture),
            int.Parse(server.Groups["rise"].Value, CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(check.Groups["check"].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"^\s*default-server\b.*\binter (?<inter>\d+)s\b.*\bfall (?<fall>\d+)\b.*\brise (?<rise>\d+)\b", RegexOptions.Multiline)]
    private static partial Regex DefaultServer();

    [GeneratedRegex(@"^\s*timeout check (?<check>\d+)s\b", RegexOptions.Multiline)]
    private static partial Regex CheckTimeoutLine();
}
