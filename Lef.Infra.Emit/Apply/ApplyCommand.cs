using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>apply</c>: lock every host, refuse a stale plan, stage and check every host, then commit them in a safe order.</summary>
internal static class ApplyCommand
{
    public static async Task<int> RunAsync(HostContext context, string? planPath, double? removalWait, bool splitPair, ApplySettings settings)
    {
        var plan = planPath is null ? null : PlanFile.Load(planPath);
        var targets = context.Targets();
        if (context.Host is { } only && !splitPair && PairRoll.PeersIn(Deployables.ByHost(context.Deploy), only) is { Count: > 0 } peers)
        {
            // The two nodes of a pair run one configuration: whichever holds the VIPs must serve every endpoint.
            throw new ApplyFailure(Cli.Usage, only + " is a node of a pair with " + string.Join(", ", peers) + ": applied alone, the pair would run two configurations and a failover"
                + " would serve the other one; apply without --host (the pair rolls, backup first), or add --split-pair while the peer is down");
        }

        var clock = Stopwatch.StartNew();
        var sessions = new Dictionary<string, HostSession>(StringComparer.Ordinal);
        try
        {
            var owner = HostLock.Owner(DateTimeOffset.UtcNow);
            var live = new Dictionary<string, SortedDictionary<string, string?>>(StringComparer.Ordinal);

            // Every host is locked, in one order, before any is changed: two applies never interleave on a host.
            foreach (var host in targets.Keys.Order(StringComparer.Ordinal))
            {
                sessions[host] = await HostSession.OpenAsync(context.Transport, host, HostContext.ConnectTimeout);
                await HostLock.AcquireAsync(sessions[host], settings.LockWait, owner);
                if (!Deployables.IsDns(host))
                {
                    targets[host] = await LiveFiles.WithRetiredAsync(sessions[host], targets[host]);
                }

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
            var toDrain = new Dictionary<string, IReadOnlyList<ProxyListen>>(StringComparer.Ordinal);
            foreach (var host in changing.Where(h => !Deployables.IsDns(h)))
            {
                var change = ProxyApply.Change(live[host], targets[host]);
                toDrain[host] = await ProxyApply.OpenRemovalsAsync(sessions[host], change, settings);
                removes |= change.RemovedListens.Count > 0;
            }

            if (removes && !targets.Keys.Any(Deployables.IsDns))
            {
                context.Errors.WriteLine("warning: listens are removed while the DNS host is not part of this apply: their names should stop resolving first (apply without --host, or --host " + Lef.Infra.Emit.Writers.DnsLayout.Host + " first)");
            }

            var order = Deployables.InApplyOrder(changing).ToList();
            if (removes && order.Any(Deployables.IsDns))
            {
                // A removed name stops resolving first; its listen goes once resolvers have forgotten it (the TTL).
                order = [.. order.Where(Deployables.IsDns), .. order.Where(h => !Deployables.IsDns(h))];
            }

            order = await PairRoll.OrderAsync(order, live, targets, sessions, context.Output);

            // Every host's generation is staged and checked before any host changes: a failed check changes nothing anywhere.
            var staged = new Dictionary<string, StagedApply>(StringComparer.Ordinal);
            foreach (var host in order)
            {
                staged[host] = Deployables.IsDns(host)
                    ? await DnsApply.PrepareAsync(sessions[host], live[host], targets[host], settings, context.Output)
                    : await ProxyApply.PrepareAsync(sessions[host], live[host], targets[host], settings, context.Output);
            }

            // Draining changes what the live HAProxy accepts, so it waits for every check too; whatever stops the apply from
            // here on sets the drained servers ready again.
            var drained = new List<(HostSession Session, string Listen, string Server)>();
            try
            {
                foreach (var (host, listens) in toDrain.Where(d => d.Value.Count > 0))
                {
                    await ProxyApply.DrainAsync(sessions[host], listens, settings, context.Output, drained);
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
            }
            catch (Exception) when (drained.Count > 0)
            {
                await Drain.UndoAsync(drained, context.Output);
                throw;
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

    /// <summary>A commit rolls back its own failures up to the verify; a failure after that (ifdown, journal) leaves the host for a person.</summary>
    public static async Task AfterSwapAsync(string host, Func<Task<JournalEntry>> commit)
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
}
