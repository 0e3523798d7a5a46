using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// The DNS host: stage a generation, <c>named-checkconf -z</c> on it, swap the files in, <c>rndc reconfig</c> when the views
/// changed and <c>rndc reload</c> for each changed zone, then confirm every view's SOA serial through that named
/// (<c>rndc zonestatus</c>). Any failure after the swap puts the previous generation back and reloads it.
/// </summary>
internal static partial class DnsApply
{
    /// <summary>Stages the generation and checks it with <c>named-checkconf -z</c>: nothing live changes.</summary>
    public static async Task<StagedApply> PrepareAsync(HostSession session, SortedDictionary<string, string?> live, SortedDictionary<string, string?> target, ApplySettings settings, TextWriter output, string outcomeWord = "applied")
    {
        var host = session.Host;
        var staged = await Generation.StageNextAsync(session, live, target, outcomeWord + " " + settings.Commit);
        var next = staged.Next;
        output.WriteLine(host + ": staged generation " + next + " (" + string.Join(", ", staged.Changed) + ")");

        // The fragment names its zone files by their live paths: the check reads a copy that names the staged ones.
        var fragment = Fragment(target);
        var stagedFragment = Generation.Staged(next, fragment);
        var stagedRoot = Generation.Folder(next) + "/files" + DnsLayout.LiveDirectory + "/";
        var check = await session.TryRunAsync(
            "command -v named-checkconf >/dev/null || { echo 'named-checkconf is not installed on the host (bind9-utils)'; return 3; }\n"
            + "sed " + Shell.Quote("s#\"" + DnsLayout.LiveDirectory + "/#\"" + stagedRoot + "#") + " " + Shell.Quote(stagedFragment) + " > " + Shell.Quote(Generation.Folder(next) + "/check.conf") + " || return 3\n"
            + "named-checkconf -z " + Shell.Quote(Generation.Folder(next) + "/check.conf"),
            TimeSpan.FromSeconds(60));
        if (check is not { Code: 0 })
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, host + ": named-checkconf -z " + stagedFragment + ": " + (check is null ? session.TransportErrors : HostSession.OneLine(check.Value.Output)) + "; nothing live changed");
        }

        output.WriteLine(host + ": checked: named-checkconf -z");
        return staged;
    }

    /// <summary>Swap, rndc, confirm the serials; on any failure the previous generation goes back and is reloaded.</summary>
    public static async Task<JournalEntry> CommitAsync(StagedApply staged, ApplySettings settings, TextWriter output, string outcomeWord = "applied")
    {
        var (session, target, changed, previous, next, kept) = (staged.Session, staged.Target, staged.Changed, staged.Previous, staged.Next, staged.Kept);
        var host = session.Host;
        var clock = Stopwatch.StartNew();
        var fragment = Fragment(target);
        try
        {
            await Generation.SwapInAsync(session, next, target);
            await ReloadAsync(session, changed, target, fragment);
            var serials = await ConfirmAsync(session, target, settings.VerifyBound);
            output.WriteLine(host + ": serials confirmed through named: " + serials);
        }
        catch (HostStepException e)
        {
            output.WriteLine(host + ": FAILED " + e.Message + "; rolling back to generation " + previous);
            try
            {
                var back = await Generation.ReadAsync(session, previous, target.Keys);
                await Generation.SwapInAsync(session, previous, back);
                await ReloadAsync(session, target.Keys.ToList(), back, fragment);
                await ConfirmAsync(session, back, settings.VerifyBound);
            }
            catch (HostStepException r)
            {
                await Journal.AppendAsync(session, new JournalEntry(DateTimeOffset.UtcNow, settings.User, settings.Commit, next, changed, "failed", e.Message, "ROLLBACK FAILED: " + r.Message));
                throw new ApplyFailure(ApplyExit.RollbackFailed, e.Message + "; ROLLBACK FAILED: " + r.Message);
            }

            await Journal.AppendAsync(session, new JournalEntry(DateTimeOffset.UtcNow, settings.User, settings.Commit, next, changed, "failed", e.Message, "rolled back to generation " + previous));
            throw new ApplyFailure(ApplyExit.RolledBack, e.Message + "; rolled back to generation " + previous);
        }

        var entry = new JournalEntry(DateTimeOffset.UtcNow, settings.User, settings.Commit, next, changed, "ok", "serials confirmed", outcomeWord);
        await Journal.AppendAsync(session, entry);
        await Generation.PruneAsync(session, kept, next, settings.Keep);
        output.WriteLine(host + ": " + outcomeWord + " generation " + next + " in " + ProxyApply.Seconds(clock.Elapsed));
        return entry;
    }

    private static string Fragment(IReadOnlyDictionary<string, string?> files) =>
        files.Keys.First(p => Path.GetFileName(p).StartsWith("named.conf.lef-", StringComparison.Ordinal));

    /// <summary>The view a zone file belongs to (null for the one zone without views).</summary>
    public static string? ViewOf(string livePath)
    {
        var match = ViewZone().Match(livePath);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The longest TTL of the zones: how long a resolver may still hand out a removed record.</summary>
    public static TimeSpan LongestTtl(IEnumerable<string?> zones) =>
        TimeSpan.FromSeconds(zones.Select(z => z is null ? 0 : Ttl().Match(z) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0).DefaultIfEmpty(0).Max());

    /// <summary>
    /// <c>rndc reconfig</c> when the views changed, then <c>rndc reload</c> of each changed zone that <paramref name="files"/>
    /// still has: a zone whose view went (its file is null) is gone from named with the reconfig, and reloading it fails.
    /// </summary>
    private static Task ReloadAsync(HostSession session, IReadOnlyList<string> changed, IReadOnlyDictionary<string, string?> files, string fragment)
    {
        var script = "command -v rndc >/dev/null || { echo 'rndc is not installed on the host (bind9-utils)'; return 3; }\n";
        if (changed.Contains(fragment))
        {
            script += "rndc reconfig || return 5\n";
        }

        foreach (var zone in changed.Where(p => p.EndsWith(".zone", StringComparison.Ordinal) && files.GetValueOrDefault(p) is not null))
        {
            script += "rndc reload " + ZoneWriter.Origin + (ViewOf(zone) is { } view ? " IN " + Shell.Quote(view) : string.Empty) + " || return 5\n";
        }

        return session.RunAsync("rndc", script);
    }

    /// <summary>Waits until named serves every zone file's SOA serial, view by view.</summary>
    private static async Task<string> ConfirmAsync(HostSession session, IReadOnlyDictionary<string, string?> files, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        var confirmed = new List<string>();
        foreach (var (path, content) in files.Where(f => f.Key.EndsWith(".zone", StringComparison.Ordinal) && f.Value is not null))
        {
            var expected = Serial().Match(content!).Groups[1].Value;
            var view = ViewOf(path);
            var zone = ZoneWriter.Origin + (view is null ? string.Empty : " IN " + Shell.Quote(view));
            while (true)
            {
                var status = await session.TryRunAsync("rndc zonestatus " + zone, TimeSpan.FromSeconds(30));
                var serving = status is { Code: 0 } ? ServingSerial().Match(status.Value.Output).Groups[1].Value : null;
                if (serving == expected)
                {
                    confirmed.Add((view ?? ZoneWriter.Origin) + " " + expected);
                    break;
                }

                if (clock.Elapsed > bound)
                {
                    throw new HostStepException(session.Host, "confirm serial " + path, "named serves " + (serving ?? "nothing (" + HostSession.OneLine(status?.Output ?? session.TransportErrors) + ")") + ", the file has " + expected);
                }

                await Task.Delay(200);
            }
        }

        return string.Join(", ", confirmed);
    }

    [GeneratedRegex(@"/views/([^/]+)/[^/]+\.zone$")]
    private static partial Regex ViewZone();

    [GeneratedRegex(@"^\s*(\d+) ; serial", RegexOptions.Multiline)]
    private static partial Regex Serial();

    [GeneratedRegex(@"^serial: (\d+)", RegexOptions.Multiline)]
    private static partial Regex ServingSerial();

    [GeneratedRegex(@"^\$TTL (\d+)", RegexOptions.Multiline)]
    private static partial Regex Ttl();
}
