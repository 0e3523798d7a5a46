using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lef.Infra.Testing;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// Every change to one address on each node, from <c>ip -ts monitor address</c> in each namespace: a stronger sample of
/// <c>ip addr</c> than polling, since no change between two polls can be missed. Times are the kernel events' wall clock.
/// </summary>
internal sealed partial class AddressMonitor : IDisposable
{
    private readonly List<(string Node, BackgroundProcess Process, bool HeldAtStart)> monitors = [];
    private readonly string address;

    private AddressMonitor(string address) => this.address = address;

    public static async Task<AddressMonitor> StartAsync(string address, params PairNodeHost[] nodes)
    {
        var monitor = new AddressMonitor(address);
        foreach (var node in nodes)
        {
            monitor.monitors.Add((node.Host, BackgroundProcess.Start("ip", ["-n", node.Namespace.Name, "-ts", "-4", "monitor", "address"]), false));
        }

        // ip monitor prints nothing when it is ready; give it time to subscribe, then read where the address is.
        await Task.Delay(300);
        for (var i = 0; i < monitor.monitors.Count; i++)
        {
            monitor.monitors[i] = (monitor.monitors[i].Node, monitor.monitors[i].Process, await nodes[i].HoldsVipAsync());
        }

        return monitor;
    }

    /// <summary>The changes seen so far, in time order: when, on which node, added or deleted.</summary>
    public IReadOnlyList<(DateTime At, string Node, bool Added)> Changes() =>
        monitors.SelectMany(m => EventLine().Matches(m.Process.Output)
                .Where(e => e.Groups["address"].Value == address)
                .Select(e => (At: DateTime.Parse(e.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal).ToUniversalTime(), m.Node, Added: e.Groups["deleted"].Length == 0)))
            .OrderBy(c => c.At)
            .ToList();

    /// <summary>Every stretch of time, at or after <paramref name="from"/>, in which both nodes held the address.</summary>
    public IReadOnlyList<(DateTime From, DateTime To)> BothHeld(DateTime from)
    {
        var holds = monitors.ToDictionary(m => m.Node, m => m.HeldAtStart);
        var overlaps = new List<(DateTime, DateTime)>();
        DateTime? since = holds.Values.All(h => h) ? DateTime.MinValue : null;
        foreach (var (at, node, added) in Changes())
        {
            holds[node] = added;
            var both = holds.Values.All(h => h);
            if (both && since is null)
            {
                since = at;
            }
            else if (!both && since is { } start)
            {
                if (at >= from)
                {
                    overlaps.Add((start < from ? from : start, at));
                }

                since = null;
            }
        }

        if (since is { } open)
        {
            overlaps.Add((open < from ? from : open, DateTime.MaxValue));
        }

        return overlaps;
    }

    public string Describe() =>
        string.Join("; ", monitors.Select(m => m.Node + (m.HeldAtStart ? " held it" : " did not hold it") + " at the start"))
        + "; " + string.Join(", ", Changes().Select(c => c.At.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + " " + c.Node + (c.Added ? " +" : " -")));

    public void Dispose()
    {
        foreach (var (_, process, _) in monitors)
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"^\[(?<at>[0-9T:.\-]+)\] (?<deleted>Deleted )?\d+: \S+\s+inet (?<address>[0-9.]+)/", RegexOptions.Multiline)]
    private static partial Regex EventLine();
}
