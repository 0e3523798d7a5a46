using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Emit.Deployment;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>plan</c>, <c>apply</c>, <c>rollback</c>, <c>status</c> and <c>drain</c>: deploy/ taken to the hosts over the user's ssh.</summary>
internal static class ApplyCommands
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static IEnumerable<Command> Create(Func<string> defaultDeploy, TextWriter output, TextWriter errors)
    {
        var deployOption = new Option<string?>("--deploy") { Description = "The deploy folder to take to the hosts (default: deploy/ at the repository root)." };
        var hostOption = new Option<string?>("--host") { Description = "Only this host (default: every host deploy/ names: proxy hosts, then the DNS host)." };
        var localOption = new Option<bool>("--local") { Description = "Run on this machine, which is the host (no ssh)." };
        var sshConfigOption = new Option<string?>("--ssh-config") { Description = "An ssh config file (ssh -F); by default ssh reads the user's own." };
        var sshOptions = new Option<string[]>("--ssh-option") { Description = "An ssh option (ssh -o), repeatable, e.g. --ssh-option ConnectTimeout=5.", DefaultValueFactory = _ => [] };
        var lockWaitOption = new Option<double>("--lock-wait") { Description = "Seconds to wait for another apply's lock on a host before refusing.", DefaultValueFactory = _ => 30 };
        Option[] common = [deployOption, hostOption, localOption, sshConfigOption, sshOptions];

        Context Context(ParseResult parse) => new(
            parse.GetValue(deployOption) ?? defaultDeploy(),
            parse.GetValue(hostOption),
            new Transport(parse.GetValue(localOption), parse.GetValue(sshConfigOption), parse.GetValue(sshOptions) ?? []),
            output,
            errors);

        var saveOption = new Option<string?>("--save") { Description = "Record the hashes of what was read, for apply --plan." };
        var plan = new Command("plan", "Read each host's live files and print what apply would change there, and why. " + ApplyExit.Help) { saveOption };
        Add(plan, common);
        plan.SetAction(parse => Guard(errors, () => PlanAsync(Context(parse), parse.GetValue(saveOption))));

        var planOption = new Option<string?>("--plan") { Description = "A plan saved by plan --save: refuse a host whose live files or deployables changed since." };
        var drainOption = new Option<bool>("--drain") { Description = "Drain a removed endpoint's sessions (bounded by --drain-timeout) instead of refusing to remove it." };
        var drainTimeoutOption = new Option<double>("--drain-timeout") { Description = "Seconds a drain waits for sessions to end.", DefaultValueFactory = _ => 60 };
        var keepOption = new Option<int>("--keep") { Description = "Generations kept on each host for rollback.", DefaultValueFactory = _ => 5 };
        var removalWaitOption = new Option<double?>("--removal-wait") { Description = "Seconds between removing names from DNS and removing their listens (default: the zones' TTL)." };
        var apply = new Command("apply", "Take deploy/ to the hosts: stage, check, aliases up, swap, hitless reload, verify, roll back on failure; DNS last (first when endpoints are removed). " + ApplyExit.Help)
        {
            planOption, drainOption, drainTimeoutOption, keepOption, removalWaitOption, lockWaitOption,
        };
        Add(apply, common);
        apply.SetAction(parse => Guard(errors, () => ApplyAsync(
            Context(parse),
            parse.GetValue(planOption),
            parse.GetValue(removalWaitOption),
            Settings(parse.GetValue(deployOption) ?? defaultDeploy(), parse.GetValue(keepOption), parse.GetValue(drainOption), parse.GetValue(drainTimeoutOption), parse.GetValue(lockWaitOption)))));

        var rollback = new Command("rollback", "Put a host back to its previous generation, with a reload (never a restart), and verify it. " + ApplyExit.Help) { keepOption, lockWaitOption };
        Add(rollback, common);
        rollback.SetAction(parse => Guard(errors, () => RollbackAsync(
            Context(parse),
            Settings(parse.GetValue(deployOption) ?? defaultDeploy(), parse.GetValue(keepOption), false, 60, parse.GetValue(lockWaitOption)))));

        var status = new Command("status", "Live state per endpoint from HAProxy's admin socket (UP/DOWN/DRAIN, last check, sessions), the live generation and the journal's last lines. " + ApplyExit.Help);
        Add(status, common);
        status.SetAction(parse => Guard(errors, () => StatusAsync(Context(parse))));

        var endpointOption = new Option<string>("--endpoint") { Description = "The endpoint to drain (its name, as in <name>.db.lef).", Required = true };
        var timeoutOption = new Option<double>("--timeout") { Description = "Seconds to wait for its sessions to end.", DefaultValueFactory = _ => 60 };
        var drain = new Command("drain", "Stop new sessions to an endpoint's server and wait (bounded) for open ones to end; report what is left. " + ApplyExit.Help) { endpointOption, timeoutOption };
        Add(drain, common);
        drain.SetAction(parse => Guard(errors, () => DrainAsync(Context(parse), parse.GetValue(endpointOption)!, TimeSpan.FromSeconds(parse.GetValue(timeoutOption)))));

        return [plan, apply, rollback, status, drain];
    }

    private static void Add(Command command, Option[] options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    private static ApplySettings Settings(string deploy, int keep, bool drain, double drainTimeout, double lockWait) =>
        new(Commit(deploy), Environment.UserName + "@" + Environment.MachineName, Math.Max(2, keep), drain, TimeSpan.FromSeconds(drainTimeout), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(lockWait));

    /// <summary>Every failure is one line and one code; nothing is left half done without saying so.</summary>
    private static int Guard(TextWriter errors, Func<Task<int>> run)
    {
        try
        {
            return run().GetAwaiter().GetResult();
        }
        catch (ApplyFailure e)
        {
            errors.WriteLine("error: " + e.Message);
            return e.Code;
        }
        catch (HostLockedException e)
        {
            errors.WriteLine("error: " + e.Message + "; nothing was changed");
            return ApplyExit.Refused;
        }
        catch (HostStepException e)
        {
            errors.WriteLine("error: " + e.Message + "; nothing live was changed");
            return ApplyExit.CheckFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            errors.WriteLine("error: " + e.Message);
            return Cli.Usage;
        }
    }

    private static async Task<int> PlanAsync(Context context, string? save)
    {
        var targets = context.Targets();
        var hashes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var changedHosts = 0;
        foreach (var host in Deployables.InApplyOrder(targets.Keys))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, ConnectTimeout);
            var target = targets[host];
            var live = await LiveFiles.ReadAsync(session, target.Keys);
            hashes[host] = (LiveFiles.Hash(live), LiveFiles.Hash(target));
            var changed = 0;
            foreach (var (path, content) in target)
            {
                var patch = UnifiedDiff.Write(live[path], content, "live" + path, "deployed" + path);
                if (patch.Length > 0)
                {
                    context.Output.WriteLine("# " + host + ":" + path);
                    context.Output.Write(patch);
                    changed++;
                }
            }

            if (!Deployables.IsDns(host) && changed > 0)
            {
                context.Output.WriteLine(host + ": " + Why(ProxyApply.Change(live, target)));
            }

            context.Output.WriteLine(changed == 0 ? host + ": nothing to do (" + target.Count + " files)" : host + ": apply would change " + changed + " of " + target.Count + " files");
            changedHosts += changed > 0 ? 1 : 0;
        }

        if (save is not null)
        {
            new PlanFile(hashes).Save(save);
            context.Output.WriteLine("plan saved to " + save + ": apply --plan " + save + " refuses any host that changed since");
        }

        return changedHosts == 0 ? Cli.Ok : Cli.Drift;
    }

    private static string Why(ProxyChange change)
    {
        var parts = new List<string>();
        void Say(string what, IEnumerable<string> names)
        {
            var list = names.ToList();
            if (list.Count > 0)
            {
                parts.Add(what + " " + string.Join(' ', list));
            }
        }

        Say("adds listen", change.AddedListens.Select(l => l.Name + "@" + l.Bind));
        Say("changes listen", change.ChangedListens.Select(l => l.Name));
        Say("removes listen", change.RemovedListens.Select(l => l.Name));
        Say("brings up", change.AddedAliases);
        Say("takes down", change.RemovedAliases);
        return parts.Count == 0 ? "no listen or alias changes" : string.Join("; ", parts);
    }

    private static async Task<int> ApplyAsync(Context context, string? planPath, double? removalWait, ApplySettings settings)
    {
        var plan = planPath is null ? null : PlanFile.Load(planPath);
        var targets = context.Targets();
        var clock = Stopwatch.StartNew();
        var sessions = new Dictionary<string, HostSession>(StringComparer.Ordinal);
        try
        {
            var owner = HostLock.Owner(DateTimeOffset.UtcNow);
            var live = new Dictionary<string, SortedDictionary<string, string?>>(StringComparer.Ordinal);

            // Every host is locked, in one order, before any is changed: two applies never interleave on a host.
            foreach (var host in targets.Keys.Order(StringComparer.Ordinal))
            {
                sessions[host] = await HostSession.OpenAsync(context.Transport, host, ConnectTimeout);
                await HostLock.AcquireAsync(sessions[host], settings.LockWait, owner);
                live[host] = await LiveFiles.ReadAsync(sessions[host], targets[host].Keys);
                if (plan is not null)
                {
                    var now = (LiveFiles.Hash(live[host]), LiveFiles.Hash(targets[host]));
                    if (!plan.Hosts.TryGetValue(host, out var planned) || planned != now)
                    {
                        throw new ApplyFailure(ApplyExit.Stale, host + ": stale plan " + planPath + ": " + (planned == default ? "the plan does not cover this host"
                            : planned.Live != now.Item1 ? "the live files changed since the plan read them" : "deploy/ changed since the plan") + "; run plan again");
                    }
                }
            }

            var changing = targets.Keys.Where(h => targets[h].Any(f => live[h][f.Key] != f.Value)).ToList();
            if (changing.Count == 0)
            {
                context.Output.WriteLine("nothing to do: every host runs deploy/ already (" + string.Join(", ", targets.Keys) + ")");
                return ApplyExit.NothingToDo;
            }

            var removes = false;
            foreach (var host in changing.Where(h => !Deployables.IsDns(h)))
            {
                var change = ProxyApply.Change(live[host], targets[host]);
                await ProxyApply.RefuseRemovalWithSessionsAsync(sessions[host], change, settings, context.Output);
                removes |= change.RemovedListens.Count > 0;
            }

            var order = Deployables.InApplyOrder(changing).ToList();
            if (removes && order.Any(Deployables.IsDns))
            {
                // A removed name stops resolving first; its listen goes once resolvers have forgotten it (the TTL).
                order = [.. order.Where(Deployables.IsDns), .. order.Where(h => !Deployables.IsDns(h))];
            }

            // Every host's generation is staged and checked before any host changes: a failed check changes nothing anywhere.
            var staged = new Dictionary<string, StagedApply>(StringComparer.Ordinal);
            foreach (var host in order)
            {
                staged[host] = Deployables.IsDns(host)
                    ? await DnsApply.PrepareAsync(sessions[host], live[host], targets[host], settings, context.Output)
                    : await ProxyApply.PrepareAsync(sessions[host], live[host], targets[host], settings, context.Output);
            }

            for (var i = 0; i < order.Count; i++)
            {
                var host = order[i];
                if (Deployables.IsDns(host))
                {
                    await AfterSwapAsync(host, () => DnsApply.CommitAsync(staged[host], settings, context.Output));
                    if (removes && i + 1 < order.Count)
                    {
                        var wait = removalWait is { } seconds ? TimeSpan.FromSeconds(seconds) : DnsApply.LongestTtl(live[host].Values);
                        context.Output.WriteLine(host + ": names removed; waiting " + ProxyApply.Seconds(wait) + " (TTL) before removing their listens");
                        await Task.Delay(wait);
                    }
                }
                else
                {
                    await AfterSwapAsync(host, () => ProxyApply.CommitAsync(staged[host], settings, context.Output));
                }
            }

            context.Output.WriteLine("applied " + settings.Commit + " to " + string.Join(", ", order) + " in " + ProxyApply.Seconds(clock.Elapsed));
            return ApplyExit.Applied;
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                session.Dispose();
            }
        }
    }

    private static async Task<int> RollbackAsync(Context context, ApplySettings settings)
    {
        if (context.Host is null)
        {
            context.Errors.WriteLine("error: rollback needs --host (one host at a time)");
            return Cli.Usage;
        }

        var targets = context.Targets();
        using var session = await HostSession.OpenAsync(context.Transport, context.Host, ConnectTimeout);
        await HostLock.AcquireAsync(session, settings.LockWait, HostLock.Owner(DateTimeOffset.UtcNow));
        var (current, kept) = await Generation.ListAsync(session);
        var previous = kept.Where(n => current is null || n < current).DefaultIfEmpty(-1).Max();
        if (previous < 0)
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, context.Host + ": rollback: no generation before " + (current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the live files") + " is kept in " + HostLayout.GenerationsDirectory);
        }

        var paths = targets[context.Host].Keys;
        var live = await LiveFiles.ReadAsync(session, paths);
        var back = await Generation.ReadAsync(session, previous, paths);
        context.Output.WriteLine(context.Host + ": rolling back from generation " + current + " to " + previous);
        var rollback = settings with { Commit = "to generation " + previous + " (" + settings.Commit + ")" };
        if (Deployables.IsDns(context.Host))
        {
            var staged = await DnsApply.PrepareAsync(session, live, back, rollback, context.Output, "rolled back");
            await AfterSwapAsync(context.Host, () => DnsApply.CommitAsync(staged, rollback, context.Output, "rolled back"));
        }
        else
        {
            var staged = await ProxyApply.PrepareAsync(session, live, back, rollback, context.Output, "rolled back");
            await AfterSwapAsync(context.Host, () => ProxyApply.CommitAsync(staged, rollback, context.Output, "rolled back"));
        }

        return ApplyExit.Applied;
    }

    /// <summary>A commit rolls back its own failures up to the verify; a failure after that (ifdown, journal) leaves the host for a person.</summary>
    private static async Task AfterSwapAsync(string host, Func<Task<JournalEntry>> commit)
    {
        try
        {
            await commit();
        }
        catch (HostStepException e)
        {
            throw new ApplyFailure(ApplyExit.RollbackFailed, e.Message + "; this step came after the swap: " + host + " needs a person (status shows what is live)");
        }
    }

    private static async Task<int> StatusAsync(Context context)
    {
        foreach (var host in Deployables.InApplyOrder(context.Targets().Keys))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, ConnectTimeout);
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

    private static async Task<int> DrainAsync(Context context, string endpoint, TimeSpan timeout)
    {
        var name = endpoint.Split('.')[0].ToLowerInvariant();
        var left = 0;
        var found = 0;
        foreach (var host in context.Targets().Keys.Where(h => !Deployables.IsDns(h)))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, ConnectTimeout);
            foreach (var server in (await StatusReader.ReadAsync(session)).Where(s => s.Server == name))
            {
                found++;
                var remaining = await Drain.RunAsync(session, server.Listen, server.Server, timeout);
                context.Output.WriteLine(host + ": " + Drain.Describe(server.Listen, remaining, timeout));
                left += remaining;
            }
        }

        if (found == 0)
        {
            context.Errors.WriteLine("error: no live server for endpoint '" + endpoint + "' on " + string.Join(", ", context.Targets().Keys.Where(h => !Deployables.IsDns(h))));
            return Cli.Usage;
        }

        return left == 0 ? Cli.Ok : ApplyExit.SessionsLeft;
    }

    /// <summary>The commit deploy/ comes from, for the journal; "unknown" outside a git work tree.</summary>
    private static string Commit(string deploy)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", Directory.Exists(deploy) ? deploy : ".", "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && head.Length > 0 ? head : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>What every command works from: the deploy folder, the host it is limited to, the transport, where it prints.</summary>
    private sealed record Context(string Deploy, string? Host, Transport Transport, TextWriter Output, TextWriter Errors)
    {
        public SortedDictionary<string, SortedDictionary<string, string?>> Targets()
        {
            var all = Deployables.ByHost(Deploy);
            if (Host is null)
            {
                return all;
            }

            return all.TryGetValue(Host, out var files)
                ? new SortedDictionary<string, SortedDictionary<string, string?>>(StringComparer.Ordinal) { [Host] = files }
                : throw new ApplyFailure(Cli.Usage, "no deployables for host " + Host + "; deploy/ names " + string.Join(", ", all.Keys));
        }
    }
}
