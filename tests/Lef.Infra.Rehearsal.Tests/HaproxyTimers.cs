using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>The first <c>default-server</c> line (the defaults section's) and <c>timeout check</c>.</summary>
    public static HaproxyTimers Parse(string config) => Parse(config, config);

    /// <summary>
    /// The timing of one listen section: its own <c>default-server</c> and <c>timeout check</c> lines where it has them,
    /// else the defaults section's (HAProxy's own precedence).
    /// </summary>
    public static HaproxyTimers ParseListen(string config, string listen)
    {
        var section = Section(config, "listen " + listen)
            ?? throw new FormatException("haproxy.cfg has no 'listen " + listen + "' section");
        return Parse(section, Section(config, "defaults") ?? config);
    }

    /// <summary>The <c>server NAME ADDRESS:PORT ...</c> lines of one listen section: name → address.</summary>
    public static IReadOnlyDictionary<string, string> Servers(string config, string listen)
    {
        var section = Section(config, "listen " + listen) ?? throw new FormatException("haproxy.cfg has no 'listen " + listen + "' section");
        return ServerLine().Matches(section).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["address"].Value, StringComparer.Ordinal);
    }

    /// <summary>One section's lines, from its header to the next unindented line; null when there is none.</summary>
    public static string? Section(string config, string header)
    {
        var lines = config.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == header);
        if (start < 0)
        {
            return null;
        }

        var body = lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || char.IsWhiteSpace(l[0]) || l.StartsWith('#'));
        return string.Join('\n', [lines[start], .. body]);
    }

    private static HaproxyTimers Parse(string preferred, string fallback)
    {
        var server = DefaultServer().Match(preferred) is { Success: true } own ? own : DefaultServer().Match(fallback);
        var check = CheckTimeoutLine().Match(preferred) is { Success: true } ownCheck ? ownCheck : CheckTimeoutLine().Match(fallback);
        if (!server.Success || !check.Success)
        {
            throw new FormatException("haproxy.cfg has no 'default-server inter N fall N rise N' or 'timeout check N' line");
        }

        return new HaproxyTimers(
            Time(server.Groups["inter"].Value),
            int.Parse(server.Groups["fall"].Value, CultureInfo.InvariantCulture),
            int.Parse(server.Groups["rise"].Value, CultureInfo.InvariantCulture),
            Time(check.Groups["check"].Value));
    }

    /// <summary>HAProxy's time format: a number, in milliseconds unless a unit follows (us, ms, s, m).</summary>
    private static TimeSpan Time(string value)
    {
        var match = TimeValue().Match(value);
        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => TimeSpan.FromMilliseconds(number),
        };
    }

    [GeneratedRegex(@"^\s*default-server\b.*\binter (?<inter>\d+(?:us|ms|s|m)?)(?:\s|$).*\bfall (?<fall>\d+)\b.*\brise (?<rise>\d+)\b", RegexOptions.Multiline)]
    private static partial Regex DefaultServer();

    [GeneratedRegex(@"^\s*timeout check (?<check>\d+(?:us|ms|s|m)?)\s*$", RegexOptions.Multiline)]
    private static partial Regex CheckTimeoutLine();

    [GeneratedRegex(@"^(?<n>\d+)(?<unit>us|ms|s|m)?$")]
    private static partial Regex TimeValue();

    [GeneratedRegex(@"^\s*server (?<name>\S+) (?<address>[^\s:]+):\d+\b", RegexOptions.Multiline)]
    private static partial Regex ServerLine();
}
