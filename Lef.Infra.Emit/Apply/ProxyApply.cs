using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Dsl;
using Lef.Infra.Emit.Verification;

namespace Lef.Infra.Emit.Apply;

/// <summary>How an apply runs: its bounds, how many generations a host keeps, and what the journal records.</summary>
internal sealed record ApplySettings(string Commit, string User, int Keep, bool DrainRemoved, TimeSpan DrainTimeout, TimeSpan ReloadBound, TimeSpan VerifyBound, TimeSpan LockWait);

/// <summary>
/// One proxy host: stage a generation, check it (<c>haproxy -c</c>, <c>ifup -n</c>), bring new aliases up, swap the files in,
/// reload hitlessly, verify every changed endpoint, take removed aliases down. Any failure after the swap puts the previous
/// generation back with a reload (never a restart).
/// </summary>
internal static class ProxyApply
{
    public const string ConfigPath = "/etc/haproxy/haproxy.cfg";

    /// <summary>Stages the generation and checks it with the real tools (haproxy -c, ifup -n): nothing live changes.</summary>
    public static async Task<StagedApply> PrepareAsync(HostSession session, SortedDictionary<string, string?> live, SortedDictionary<string, string?> target, ApplySettings settings, TextWriter output, string outcomeWord = "applied")
    {
        var staged = await Generation.StageNextAsync(session, live, target, outcomeWord + " " + settings.Commit);
        output.WriteLine(session.Host + ": staged generation " + staged.Next + " (" + string.Join(", ", staged.Changed) + ")");
        var change = Change(live, target);
        await CheckAsync(session, staged.Next, target, change);
        if (PairRoll.IsPairNode(target))
        {
            await PairRoll.CheckAsync(session, Generation.Staged(staged.Next, Writers.KeepalivedConfigWriter.LivePath));
        }

        output.WriteLine(session.Host + ": checked: haproxy -c" + (change.AddedAliases.Count > 0 ? ", ifup -n " + string.Join(' ', change.AddedAliases) : string.Empty)
            + (PairRoll.IsPairNode(target) ? ", keepalived -t" : string.Empty));
        return staged;
    }

    /// <summary>Aliases up, swap, reload, verify; on any failure the previous generation goes back with a reload.</summary>
    public static async Task<JournalEntry> CommitAsync(StagedApply staged, ApplySettings settings, TextWriter output, string outcomeWord = "applied")
    {
        var (session, live, target, changed, previous, next, kept) = (staged.Session, staged.Live, staged.Target, staged.Changed, staged.Previous, staged.Next, staged.Kept);
        var host = session.Host;
        var clock = Stopwatch.StartNew();
        var change = Change(live, target);
        var aliasFiles = AliasFiles(target);
        var oldFiles = AliasFiles(live);

        // An alias whose address changed goes down with its old stanza just before it comes up with the new one.
        var moved = change.AddedAliases.Intersect(change.RemovedAliases).ToList();
        var raised = new List<string>();
        try
        {
            foreach (var alias in change.AddedAliases)
            {
                if (moved.Contains(alias))
                {
                    await LowerAsync(session, previous, oldFiles, [alias]);
                }

                await session.RunAsync("ifup " + alias, "ifup -i " + Shell.Quote(Generation.Staged(next, aliasFiles[alias])) + " " + Shell.Quote(alias));
                raised.Add(alias);
            }
        }
        catch (HostStepException e)
        {
            await LowerAsync(session, next, aliasFiles, raised);
            await RaiseAsync(session, previous, oldFiles, moved);
            throw new ApplyFailure(ApplyExit.CheckFailed, e.Message + "; nothing live changed");
        }

        if (raised.Count > 0)
        {
            output.WriteLine(host + ": aliases up before their listens: " + string.Join(' ', raised));
        }

        var reload = "not run";
        try
        {
            await Generation.SwapInAsync(session, next, target);
            var pairNode = PairRoll.IsPairNode(target);
            if (pairNode)
            {
                await PairRoll.LoadSysctlAsync(session);
            }

            var reloadClock = Stopwatch.StartNew();
            var worker = await HaproxyRuntime.ReloadAsync(session, change.States(), settings.ReloadBound);
            reload = "ok";
            output.WriteLine(host + ": reloaded in " + Seconds(reloadClock.Elapsed) + ": " + worker.Trim());
            if (pairNode && changed.Contains(Writers.KeepalivedConfigWriter.LivePath))
            {
                await PairRoll.ReloadKeepalivedAsync(session);
                output.WriteLine(host + ": reloaded keepalived");
            }

            // A pair node without the VIPs is checked by its own HAProxy: a probe of the VIP from here would reach its peer.
            var probe = !pairNode || await PairRoll.HoldsAsync(session, live, target);
            if (pairNode && probe)
            {
                await PairRoll.WaitForVipsAsync(session, target);
            }
            foreach (var listen in change.Fresh)
            {
                await VerifyAsync(session, listen, settings.VerifyBound, probe);
                output.WriteLine(host + ": verified " + listen.Name + " (" + listen.Bind + (probe ? ")" : ", by HAProxy's check: the VIPs are on the peer)"));
            }
        }
        catch (HostStepException e)
        {
            output.WriteLine(host + ": FAILED " + e.Message + "; rolling back to generation " + previous);
            var rollbackClock = Stopwatch.StartNew();
            try
            {
                var back = await Generation.ReadAsync(session, previous, target.Keys);
                await Generation.SwapInAsync(session, previous, back);

                // The old addresses first: the previous config binds a moved VIP's old address, and a reload cannot bind one
                // that is not up (the new HAProxy keeps its sockets on the new ones until it is replaced).
                await LowerAsync(session, next, aliasFiles, raised);
                await RaiseAsync(session, previous, oldFiles, moved);
                // What the running worker has: the new config once it reloaded, the previous one when the reload never
                // ran or did not take (its saved state is then right as it is, and nothing of it starts over).
                var undo = Change(reload == "not run" ? back : target, back);
                await HaproxyRuntime.ReloadAsync(session, undo.States(), settings.ReloadBound);
                if (PairRoll.IsPairNode(target) && changed.Contains(Writers.KeepalivedConfigWriter.LivePath))
                {
                    await PairRoll.ReloadKeepalivedAsync(session);
                }

                var probeBack = !PairRoll.IsPairNode(target) || await PairRoll.HoldsAsync(session, live, target);
                foreach (var listen in undo.Fresh)
                {
                    await VerifyAsync(session, listen, settings.VerifyBound, probeBack);
                }
            }
            catch (HostStepException r)
            {
                await Journal.AppendAsync(session, Entry(settings, next, changed, reload == "not run" ? "failed" : "ok", e.Message, "ROLLBACK FAILED: " + r.Message));
                throw new ApplyFailure(ApplyExit.RollbackFailed, e.Message + "; ROLLBACK FAILED: " + r.Message);
            }

            output.WriteLine(host + ": rolled back to generation " + previous + " in " + Seconds(rollbackClock.Elapsed));
            await Journal.AppendAsync(session, Entry(settings, next, changed, reload == "not run" ? "failed" : "ok", e.Message, "rolled back to generation " + previous));
            throw new ApplyFailure(ApplyExit.RolledBack, e.Message + "; rolled back to generation " + previous + " with a reload");
        }

        // Removed listens are gone from the running config now: their aliases can go.
        var removed = change.RemovedAliases.Except(moved).ToList();
        if (removed.Count > 0)
        {
            await LowerAsync(session, previous, oldFiles, removed);
            output.WriteLine(host + ": aliases down after their listens: " + string.Join(' ', removed));
        }

        var entry = Entry(settings, next, changed, reload, change.Fresh.Any() ? "ok " + string.Join(',', change.Fresh.Select(l => l.Name).Order(StringComparer.Ordinal)) : "none changed", outcomeWord);
        await Journal.AppendAsync(session, entry);
        await Generation.PruneAsync(session, kept, next, settings.Keep);
        output.WriteLine(host + ": " + outcomeWord + " generation " + next + " in " + Seconds(clock.Elapsed));
        return entry;
    }

    public static ProxyChange Change(IReadOnlyDictionary<string, string?> from, IReadOnlyDictionary<string, string?> to) =>
        ProxyChange.Between(from.GetValueOrDefault(ConfigPath), to.GetValueOrDefault(ConfigPath), Interfaces(from).Values, Interfaces(to).Values);

    /// <summary>The interfaces files among a host's files, by live path.</summary>
    public static SortedDictionary<string, string?> Interfaces(IReadOnlyDictionary<string, string?> files) =>
        new(files.Where(f => f.Key.StartsWith("/etc/network/", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>
    /// The removed listens that still have sessions: refused unless the apply drains (--drain), which it does only once every
    /// host is staged and checked (<see cref="DrainAsync"/>). Run before any host changes.
    /// </summary>
    public static async Task<IReadOnlyList<ProxyListen>> OpenRemovalsAsync(HostSession session, ProxyChange change, ApplySettings settings)
    {
        if (change.RemovedListens.Count == 0)
        {
            return [];
        }

        var status = await StatusReader.ReadAsync(session);
        var open = new List<ProxyListen>();
        foreach (var listen in change.RemovedListens)
        {
            var sessions = status.Where(s => s.Listen == listen.Name).Sum(s => s.Sessions);
            if (sessions > 0 && !settings.DrainRemoved)
            {
                throw new ApplyFailure(ApplyExit.Refused, session.Host + ": remove " + listen.Name + ": " + sessions + " session(s) still open; drain it first (apply --drain or drain --endpoint " + Drain.EndpointOf(listen.Name) + ")");
            }

            if (sessions > 0)
            {
                open.Add(listen);
            }
        }

        return open;
    }

    /// <summary>
    /// Drains each removed listen's servers and waits for their sessions (bounded); refuses when some are left. Every server
    /// it sets to drain is added to <paramref name="drained"/> first, so that a refusal or a later failure can set it ready
    /// again (<see cref="Drain.UndoAsync"/>); one that was in drain or maintenance already is waited on and left as it was.
    /// </summary>
    public static async Task DrainAsync(HostSession session, IReadOnlyList<ProxyListen> listens, ApplySettings settings, TextWriter output, List<(HostSession Session, string Listen, string Server)> drained)
    {
        var status = await StatusReader.ReadAsync(session);
        foreach (var listen in listens)
        {
            // A cluster's sessions are on the nodes that held the role: drain each, the others return at once.
            var left = 0;
            foreach (var server in listen.Servers)
            {
                if (status.Any(s => s.Listen == listen.Name && s.Server == server && s.IsHeld))
                {
                    left += await Drain.WaitAsync(session, listen.Name, server, settings.DrainTimeout);
                    continue;
                }

                drained.Add((session, listen.Name, server));
                left += await Drain.RunAsync(session, listen.Name, server, settings.DrainTimeout);
            }

            output.WriteLine(session.Host + ": " + Drain.Describe(listen.Name, left, settings.DrainTimeout));
            if (left > 0)
            {
                throw new ApplyFailure(ApplyExit.Refused, session.Host + ": remove " + listen.Name + ": " + Drain.Describe(listen.Name, left, settings.DrainTimeout));
            }
        }
    }

    private static async Task CheckAsync(HostSession session, int generation, IReadOnlyDictionary<string, string?> target, ProxyChange change)
    {
        var config = Generation.Staged(generation, ConfigPath);
        var check = await session.TryRunAsync(
            "command -v haproxy >/dev/null || { echo 'haproxy is not installed on the host'; return 3; }\nhaproxy -c -f " + Shell.Quote(config),
            TimeSpan.FromSeconds(60));
        if (check is not { Code: 0 })
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, session.Host + ": haproxy -c " + config + ": " + (check is null ? session.TransportErrors : HostSession.OneLine(check.Value.Output)) + "; nothing live changed");
        }

        var files = AliasFiles(target);
        foreach (var alias in change.AddedAliases)
        {
            var staged = Generation.Staged(generation, files[alias]);
            var dry = await session.TryRunAsync("command -v ifup >/dev/null || { echo 'ifup is not installed on the host (ifupdown)'; return 3; }\nifup -n -i " + Shell.Quote(staged) + " " + Shell.Quote(alias), TimeSpan.FromSeconds(60));
            if (dry is not { Code: 0 })
            {
                throw new ApplyFailure(ApplyExit.CheckFailed, session.Host + ": ifup -n " + alias + " " + staged + ": " + (dry is null ? session.TransportErrors : HostSession.OneLine(dry.Value.Output)) + "; nothing live changed");
            }
        }
    }

    /// <summary>Waits for HAProxy's own check of the listen's server to pass, then checks it from here: TCP and the engine's handshake.</summary>
    private static async Task VerifyAsync(HostSession session, ProxyListen listen, TimeSpan bound, bool probe = true)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // One backend must pass; of a cluster, one node with the role (a write endpoint has one primary, the others fail the check).
            var states = (await HaproxyRuntime.ServersAsync(session)).Where(s => s.Listen == listen.Name && listen.Servers.Contains(s.Server)).ToList();
            if (states.Any(s => s is { IsUp: true, CheckPassed: true }))
            {
                break;
            }

            var allFailed = states.Count == listen.Servers.Count && states.All(s => s.CheckFailed);
            if (allFailed || clock.Elapsed > bound)
            {
                var servers = listen.Servers.Count == 1 ? listen.Servers[0] : "every server of " + string.Join(", ", listen.Servers);
                throw new HostStepException(session.Host, "verify " + listen.Name, states.Count == 0
                    ? "no server " + string.Join(", ", listen.Servers) + " in the running config"
                    : "HAProxy's health check of " + servers + " " + (allFailed ? "failed" : "has not passed after " + Seconds(bound)));
            }

            await Task.Delay(200);
        }

        if (!probe)
        {
            return;
        }

        var timeout = TimeSpan.FromSeconds(3);
        var answer = listen.Engine switch
        {
            Engine.PostgreSql => await PostgreSqlProbe.CheckAsync(listen.Bind, timeout, CancellationToken.None),
            Engine.SqlServer => await TdsPreloginProbe.CheckAsync(listen.Bind, timeout, CancellationToken.None),
            _ => await TcpConnect.CheckAsync(listen.Bind, timeout, CancellationToken.None),
        };
        if (answer.Outcome == CheckOutcome.Failed)
        {
            throw new HostStepException(session.Host, "verify " + listen.Name, listen.Bind + ": " + answer.Detail);
        }
    }

    private static async Task RaiseAsync(HostSession session, int generation, IReadOnlyDictionary<string, string> aliasFiles, IEnumerable<string> aliases)
    {
        foreach (var alias in aliases.Where(aliasFiles.ContainsKey))
        {
            await session.RunAsync("ifup " + alias, "ifup -i " + Shell.Quote(Generation.Staged(generation, aliasFiles[alias])) + " " + Shell.Quote(alias));
        }
    }

    private static async Task LowerAsync(HostSession session, int generation, IReadOnlyDictionary<string, string> aliasFiles, IEnumerable<string> aliases)
    {
        foreach (var alias in aliases.Where(aliasFiles.ContainsKey))
        {
            await session.RunAsync("ifdown " + alias, "ifdown -i " + Shell.Quote(Generation.Staged(generation, aliasFiles[alias])) + " " + Shell.Quote(alias));
        }
    }

    private static Dictionary<string, string> AliasFiles(IReadOnlyDictionary<string, string?> files) =>
        Interfaces(files).SelectMany(f => ProxyConfig.Aliases(f.Value).Keys.Select(a => (Alias: a, Path: f.Key))).ToDictionary(a => a.Alias, a => a.Path, StringComparer.Ordinal);

    private static JournalEntry Entry(ApplySettings settings, int generation, IReadOnlyList<string> files, string reload, string verify, string outcome) =>
        new(DateTimeOffset.UtcNow, settings.User, settings.Commit, generation, files, reload, verify, outcome);
}
