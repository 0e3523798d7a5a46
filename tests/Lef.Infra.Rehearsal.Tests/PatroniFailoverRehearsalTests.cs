using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// The same emitted haproxy.cfg in front of real Patroni (Debian's package, with etcd): HAProxy follows Patroni's own REST
/// answers through <c>patronictl switchover</c> and through a replica whose replay falls behind the lag bound. Bounds are
/// counted from the moment Patroni's answer changed, as a poller beside HAProxy saw it (every 50 ms), since Patroni, not
/// the test, decides when that is.
/// </summary>
public sealed class PatroniFailoverRehearsalTests(PatroniRehearsal rehearsal, ITestOutputHelper output) : IClassFixture<PatroniRehearsal>
{
    private const long LagBound = 1048576;

    /// <summary>About 3.5 MB of WAL: a replica whose replay is paused falls more than <see cref="LagBound"/> behind.</summary>
    private const string FillerSql = "create table if not exists lag_filler(id bigint, pad text); insert into lag_filler select g, repeat('x', 200) from generate_series(1, 15000) g";

    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.5);

    [RehearsalFact]
    public async Task A_patroni_switchover_moves_the_write_endpoint_to_the_new_leader_within_the_check_bounds_and_loses_no_write()
    {
        await rehearsal.ResetAsync();
        var (clock, timers) = (rehearsal.Clock, rehearsal.WriteTimers);
        var (old, next) = (rehearsal.First, rehearsal.Second);
        using var session = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Orders, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
        Assert.Equal(old.Address, await session.ScalarAsync("select host(inet_server_addr())", TimeSpan.FromSeconds(5)));
        var sessionEnd = session.WaitForEndAsync(() => clock.Elapsed, TimeSpan.FromSeconds(60));

        using var rest = RestWatch.Start(rehearsal, "/primary", old, next);
        var start = clock.Elapsed;
        using var writer = WriterLoop.Start(rehearsal.Client, rehearsal.Orders, Rehearsal.PostgreSqlUser, clock, firstSeq: Seq());
        await Task.Delay(1000);
        var asked = clock.Elapsed;
        await rehearsal.Cluster.SwitchoverAsync(old, next);
        var returned = clock.Elapsed;
        var lost = await rest.ChangeAsync(old, ok: false, asked, TimeSpan.FromSeconds(30));
        var gained = await rest.ChangeAsync(next, ok: true, asked, TimeSpan.FromSeconds(30));
        Assert.True(lost is not null && gained is not null, "Patroni's answers did not change: " + rest);
        var down = await rehearsal.ChangeAsync(ClusterRehearsalBase.WriteListen, old, up: false, asked, lost.Value - asked + timers.DownWindow + Margin);
        var up = await rehearsal.ChangeAsync(ClusterRehearsalBase.WriteListen, next, up: true, asked, gained.Value - asked + timers.UpWindow + Margin);
        var firstOnNew = await writer.WaitForAsync(a => a.Committed && a.Node == next.Address, asked, TimeSpan.FromSeconds(10));
        await Task.Delay(1000);
        var attempts = writer.Stop();
        var end = await sessionEnd;

        var during = attempts.Where(a => a.At >= asked && firstOnNew is not null && a.At <= firstOnNew.At).ToList();
        output.WriteLine($"listen {ClusterRehearsalBase.WriteListen}: {timers} -> down bound {S(timers.DownWindow)}, rise bound {S(timers.UpWindow)} (+ margin {S(Margin)})");
        output.WriteLine($"patronictl switchover {old.Name} -> {next.Name} asked at {S(asked)}, returned +{S(returned - asked)}; {old.Name} /primary stopped answering 200 at +{S(lost - asked)}, {next.Name} /primary 200 at +{S(gained - asked)}");
        output.WriteLine($"HAProxy marked {old.Name} DOWN at +{S(down?.At - lost)} after its /primary changed, {next.Name} UP at +{S(up?.At - gained)} after its /primary did");
        output.WriteLine($"first write committed on {next.Name}: +{S(firstOnNew?.At + firstOnNew?.Took - asked)} after the switchover was asked ({firstOnNew})");
        output.WriteLine($"open session on {old.Name}: {end.How} at +{S(end.At - asked)}{(end.ServerMessage is null ? ", no word from PostgreSQL (HAProxy cut it)" : ", PostgreSQL said: " + end.ServerMessage.Replace('\0', ' ').Trim())}");
        output.WriteLine("during the switch (asked to first write on the new leader): " + WriterLoop.Describe(during, asked, firstOnNew?.At ?? clock.Elapsed));
        output.WriteLine("whole run: " + WriterLoop.Describe(attempts, start, clock.Elapsed));
        var retried = rehearsal.Log.Lines.Where(l => l.Contains(" " + ClusterRehearsalBase.WriteListen + " ", StringComparison.Ordinal) && RetriedOrRefused(l)).ToList();
        output.WriteLine($"HAProxy logged {retried.Count} connections to {ClusterRehearsalBase.WriteListen} retried or ended at the server's connect:" + string.Concat(retried.Take(8).Select(l => "\n  " + l[(l.IndexOf(ClusterRehearsalBase.WriteListen, StringComparison.Ordinal))..])));

        Assert.True(down is not null && down.At - lost <= timers.DownWindow + Margin, $"{old.Name} marked down at {down?.At}, its /primary changed at {lost}: " + string.Join("; ", rehearsal.Changes));
        Assert.True(up is not null && up.At - gained <= timers.UpWindow + Margin, $"{next.Name} marked up at {up?.At}, its /primary changed at {gained}: " + string.Join("; ", rehearsal.Changes));
        Assert.True(firstOnNew is not null && firstOnNew.At + firstOnNew.Took - gained <= timers.UpWindow + Margin, "no write committed on " + next + " within the rise bound: " + firstOnNew);
        Assert.DoesNotContain(attempts, a => a.Committed && a.InRecovery != false);
        Assert.DoesNotContain(attempts, a => a.Committed && a.Node == old.Address && a.At > down!.At);
        Assert.True(attempts.Count(a => a.Committed && a.Node == old.Address) >= 10 && attempts.Count(a => a.Committed && a.Node == next.Address) >= 10, WriterLoop.Describe(attempts, start, clock.Elapsed));
        var final = await PostgresCluster.WritesAsync(next.SocketDirectory, 5432);
        Assert.All(attempts.Where(a => a.Committed), a => Assert.True(final.TryGetValue(a.Seq, out var row) && row.Node == a.Node && !row.InRecovery, "lost or changed on " + next.Name + ": " + a));

        // The session on the old primary does not outlive its role: Patroni's fast shutdown or HAProxy ends it.
        Assert.True(end.How is "closed" or "reset", "the session ended: " + end.How);
        Assert.True(end.At <= down!.At + Margin, $"the session on {old.Name} ended at {S(end.At)}, after HAProxy marked it down at {S(down.At)}");
    }

    [RehearsalFact]
    public async Task The_read_endpoint_follows_patronis_lag_answer_for_a_replica_whose_replay_is_held()
    {
        await rehearsal.ResetAsync();
        var (clock, timers) = (rehearsal.Clock, rehearsal.ReadTimers);
        var (primary, replica) = (rehearsal.First, rehearsal.Second);
        using var rest = RestWatch.Start(rehearsal, "/replica?lag=" + LagBound, replica);
        var start = clock.Elapsed;
        await using var load = ConnectionLoad.PostgreSql(rehearsal.Client, rehearsal.Reports, clock, perSecond: 40);
        await Task.Delay(500);

        // Maintenance mode first: otherwise Patroni resumes the paused replay at its next loop.
        await rehearsal.Cluster.PauseManagementAsync();
        TimeSpan behind, lost;
        ServerChange? down;
        for (var hold = 1; ; hold++)
        {
            var logFrom = replica.Patroni.Output.Length;
            (behind, lost, down) = await HoldBehindAsync(rest);

            // A failed DCS read makes Patroni pass the held replica (The_lag_check_passes_... shows it); such a hold proves nothing
            // about HAProxy and is held again. A pass with no DCS trouble in Patroni's log fails the test.
            var early = rest.FirstChange(replica, ok: true, lost);
            if (early is null)
            {
                break;
            }

            var trouble = DcsTrouble(replica.Patroni.Output[logFrom..]);
            output.WriteLine($"hold {hold}: Patroni answered 200 again at {S(early)} with replay paused (HAProxy marked {replica.Name} down at {S(down?.At)}); {replica.Name}'s Patroni logged:\n  " + string.Join("\n  ", trouble));
            Assert.True(trouble.Count > 0, $"Patroni's /replica?lag={LagBound} passed again at {S(early)} while replay was paused, with no DCS trouble in its log: {rest}");
            Assert.True(hold < 3, $"three holds were broken by Patroni's DCS reads: {rest}");
            var released = clock.Elapsed;
            await replica.ExecAsync("select pg_wal_replay_resume()");
            Assert.True(await rest.ChangeAsync(replica, ok: true, released, TimeSpan.FromSeconds(15)) is not null || rest.Passes(replica), "the replica did not pass again before the next hold: " + rest);
            // The next hold must see HAProxy take the replica down again, so it starts from a replica HAProxy routes to.
            await rehearsal.WaitForServerAsync(ClusterRehearsalBase.ReadListen, replica, up: true, timers.UpWindow + Margin);
        }

        var resumed = clock.Elapsed;
        await replica.ExecAsync("select pg_wal_replay_resume()");
        await rehearsal.Cluster.ResumeManagementAsync();
        var gained = await rest.ChangeAsync(replica, ok: true, resumed, TimeSpan.FromSeconds(15));
        Assert.True(gained is not null, "Patroni's /replica?lag=" + LagBound + " did not pass again after resuming: " + rest);
        var up = await rehearsal.ChangeAsync(ClusterRehearsalBase.ReadListen, replica, up: true, resumed, gained.Value - resumed + timers.UpWindow + Margin);
        await Task.Delay(500);
        var attempts = await load.StopAsync();

        output.WriteLine($"listen {ClusterRehearsalBase.ReadListen}: {timers} -> down bound {S(timers.DownWindow)}, rise bound {S(timers.UpWindow)} (+ margin {S(Margin)})");
        output.WriteLine($"replay paused on {replica.Name} and WAL written on {primary.Name} by {S(behind)}: Patroni's /replica?lag={LagBound} failed at +{S(lost - behind)} (it compares the leader's position in etcd, written every loop_wait), HAProxy marked {replica.Name} DOWN +{S(down?.At - lost)} later");
        output.WriteLine($"replay resumed at {S(resumed)}: Patroni answered 200 at +{S(gained - resumed)}, HAProxy marked {replica.Name} UP +{S(up?.At - gained)} later");
        output.WriteLine(ConnectionLoad.Describe(rehearsal.Reports, attempts, start, clock.Elapsed));

        Assert.True(down is not null && down.At - lost <= timers.DownWindow + Margin, $"{replica.Name} marked down at {down?.At}, Patroni failed it at {lost}: " + string.Join("; ", rehearsal.Changes));
        Assert.True(up is not null && up.At - gained <= timers.UpWindow + Margin, $"{replica.Name} marked up at {up?.At}, Patroni passed it at {gained}: " + string.Join("; ", rehearsal.Changes));
        Assert.All(attempts.Where(a => a.At > down!.At + TimeSpan.FromSeconds(0.1) && a.At < resumed), a => Assert.False(a.Answered, "answered while the replica was behind: " + a));
        Assert.All(attempts.Where(a => a.At > up!.At + TimeSpan.FromSeconds(0.1)), a => Assert.True(a.Answered, "not answered after the replica caught up: " + a));
    }

    /// <summary>
    /// What <c>/replica?lag=N</c> proves: Patroni compares the replica's replay position with the leader's position as last
    /// read from etcd. A Patroni whose DCS read failed has no leader position (its cluster view is dropped until a read
    /// succeeds), applies no bound, and answers 200 for a replica however far behind; HAProxy routes reads to it. A read
    /// endpoint's lag bound holds only while the replica's Patroni reads its DCS.
    /// </summary>
    [RehearsalFact]
    public async Task The_lag_check_passes_a_replica_held_behind_while_its_patroni_cannot_read_etcd()
    {
        await rehearsal.ResetAsync();
        var (clock, timers) = (rehearsal.Clock, rehearsal.ReadTimers);
        var replica = rehearsal.Second;
        using var rest = RestWatch.Start(rehearsal, "/replica?lag=" + LagBound, replica);
        await rehearsal.Cluster.PauseManagementAsync();
        var (_, lost, down) = await HoldBehindAsync(rest);
        Assert.True(down is not null, replica.Name + " was not marked down while behind: " + string.Join("; ", rehearsal.Changes));

        var logFrom = replica.Patroni.Output.Length;
        var stopped = clock.Elapsed;
        await rehearsal.Cluster.StopDcsAsync();
        TimeSpan? passed;
        ServerChange? up;
        string? servedBy = null, pauseState;
        ToolResult? verify = null;
        long behindBy;
        try
        {
            passed = await rest.ChangeAsync(replica, ok: true, stopped, TimeSpan.FromSeconds(15));
            up = passed is null ? null : await rehearsal.ChangeAsync(ClusterRehearsalBase.ReadListen, replica, up: true, stopped, passed.Value - stopped + timers.UpWindow + Margin);
            if (up is not null)
            {
                using var read = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Reports, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
                servedBy = await read.ScalarAsync("select host(inet_server_addr())", TimeSpan.FromSeconds(5));
                verify = await rehearsal.VerifyAsync("--endpoint", "reports");
            }

            pauseState = await replica.ScalarAsync<string>("select pg_get_wal_replay_pause_state()");
            behindBy = await replica.ScalarAsync<long>("select pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint");
        }
        finally
        {
            await rehearsal.Cluster.StartDcsAsync();
        }

        // Patroni may read etcd again before this line runs: the answer after the pass is what counts.
        var started = clock.Elapsed;
        var failedAgain = await rest.ChangeAsync(replica, ok: false, passed ?? started, TimeSpan.FromSeconds(15));
        await replica.ExecAsync("select pg_wal_replay_resume()");
        await rehearsal.Cluster.ResumeManagementAsync();

        output.WriteLine($"replay paused on {replica.Name}: /replica?lag={LagBound} failed at {S(lost)}, HAProxy marked it DOWN at {S(down.At)}");
        output.WriteLine($"etcd killed at {S(stopped)}: /replica?lag={LagBound} answered 200 at +{S(passed - stopped)} with replay {pauseState} {behindBy} bytes behind what {replica.Name} received; HAProxy marked it UP at +{S(up?.At - stopped)}; a read through {ClusterRehearsalBase.ReadListen} was served by {servedBy ?? "nobody"}");
        output.WriteLine($"etcd serving again at {S(started)}: the lag check failed again at {S(failedAgain)}");
        output.WriteLine($"{replica.Name}'s Patroni meanwhile:\n  " + string.Join("\n  ", DcsTrouble(replica.Patroni.Output[logFrom..])));
        output.WriteLine($"verify --endpoint reports while HAProxy routed to {replica.Name} (exit {verify?.ExitCode}):\n{verify?.StandardOutput}");

        Assert.True(passed is not null, "Patroni's lag check kept failing without etcd: " + rest);
        Assert.Equal("paused", pauseState);
        Assert.True(behindBy > LagBound, $"{replica.Name} was only {behindBy} bytes behind while the check passed");
        Assert.True(up is not null, $"HAProxy did not mark {replica.Name} up while its check passed: " + string.Join("; ", rehearsal.Changes));
        Assert.Equal(replica.Address, servedBy);

        // verify measures the replay backlog on the node it reached, so it fails the endpoint that HAProxy, following Patroni, passed.
        Assert.NotNull(verify);
        Assert.True(verify.ExitCode == 5, verify.Output);
        Assert.Contains("| reports.db.lef | 198.18.0.102 | 5432 | PostgreSql | ok | ok | ok | ok | FAIL |", verify.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("reached the replica " + replica.Address + ", whose replay is", verify.StandardOutput, StringComparison.Ordinal);
        Assert.True(failedAgain is not null, "the lag check did not fail again once etcd served: " + rest);
    }

    /// <summary>
    /// Holds the replica behind the lag bound (replay paused, WAL written on the primary; management must be paused first):
    /// when the WAL was written, when Patroni failed the replica, and HAProxy's DOWN within the down bound (null: none).
    /// </summary>
    private async Task<(TimeSpan Behind, TimeSpan Lost, ServerChange? Down)> HoldBehindAsync(RestWatch rest)
    {
        var (clock, replica) = (rehearsal.Clock, rehearsal.Second);
        var holding = clock.Elapsed;
        await replica.ExecAsync("select pg_wal_replay_pause()");
        await rehearsal.First.ExecAsync(FillerSql);
        var behind = clock.Elapsed;
        var lost = await rest.ChangeAsync(replica, ok: false, holding, TimeSpan.FromSeconds(15));
        Assert.True(lost is not null, "Patroni's /replica?lag=" + LagBound + " never failed with replay paused: " + rest);
        var down = await rehearsal.ChangeAsync(ClusterRehearsalBase.ReadListen, replica, up: false, holding, lost.Value - holding + rehearsal.ReadTimers.DownWindow + Margin);
        return (behind, lost.Value, down);
    }

    /// <summary>A tcplog line whose termination state starts with S or C at the connect (SC, CC) or whose retries count is not 0.</summary>
    private static bool RetriedOrRefused(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var counts = fields.FirstOrDefault(f => f.Count(c => c == '/') == 4 && f.Split('/').All(p => p.TrimStart('+').All(char.IsAsciiDigit)));
        return fields.Any(f => f is "SC" or "CC" or "sC") || (counts is not null && counts.Split('/')[4].TrimStart('+') != "0");
    }

    /// <summary>The lines of a Patroni log that tell of trouble with its DCS (etcd on 127.0.0.1:2379).</summary>
    private static List<string> DcsTrouble(string log) =>
        log.Split('\n')
            .Where(l => l.Contains("127.0.0.1:2379", StringComparison.Ordinal) || l.Contains("DCS", StringComparison.Ordinal))
            .Select(l => l.Length > 160 ? l[..160] + "..." : l)
            .Take(6)
            .ToList();

    private static long Seq() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * 1000;

    private static string S(TimeSpan? t) => t is { } value ? value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "never";

    /// <summary>Asks Patroni's REST API on some nodes, from the proxy host, every 50 ms, and records when each answer changed.</summary>
    private sealed class RestWatch : IDisposable
    {
        private readonly List<(TimeSpan At, string Node, int Status)> changes = [];
        private readonly CancellationTokenSource stop = new();
        private readonly Task running;

        private RestWatch(ClusterRehearsalBase rehearsal, string path, PatroniNode[] nodes)
        {
            running = Task.Run(async () =>
            {
                var last = new Dictionary<string, int>();
                while (!stop.IsCancellationRequested)
                {
                    foreach (var node in nodes)
                    {
                        var at = rehearsal.Clock.Elapsed;
                        var status = await RoleResponder.AskAsync(rehearsal.Proxy.Socket(), new IPEndPoint(IPAddress.Parse(node.Address), PostgresCluster.CheckPort), "OPTIONS", path, TimeSpan.FromSeconds(1));
                        if (!last.TryGetValue(node.Name, out var before) || before != status)
                        {
                            last[node.Name] = status;
                            lock (changes)
                            {
                                changes.Add((at, node.Name, status));
                            }
                        }
                    }

                    try
                    {
                        await Task.Delay(50, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            });
        }

        public static RestWatch Start(ClusterRehearsalBase rehearsal, string path, params PatroniNode[] nodes) => new(rehearsal, path, nodes);

        /// <summary>When the node's answer first became 200 (<paramref name="ok"/>) or stopped being 200, at or after <paramref name="after"/>.</summary>
        public async Task<TimeSpan?> ChangeAsync(PatroniNode node, bool ok, TimeSpan after, TimeSpan timeout)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (FirstChange(node, ok, after) is { } at)
                {
                    return at;
                }

                await Task.Delay(20);
            }

            return null;
        }

        /// <summary>The first change seen so far to the node answering 200 (<paramref name="ok"/>) or not, at or after <paramref name="after"/>.</summary>
        public TimeSpan? FirstChange(PatroniNode node, bool ok, TimeSpan after)
        {
            lock (changes)
            {
                foreach (var (at, name, status) in changes)
                {
                    if (name == node.Name && at >= after && (status == 200) == ok)
                    {
                        return at;
                    }
                }
            }

            return null;
        }

        /// <summary>Whether the node's last answer seen was 200.</summary>
        public bool Passes(PatroniNode node)
        {
            lock (changes)
            {
                return changes.LastOrDefault(c => c.Node == node.Name).Status == 200;
            }
        }

        public override string ToString()
        {
            lock (changes)
            {
                return string.Join("; ", changes.Select(c => c.Node + " " + c.Status + " at " + S(c.At)));
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            running.Wait(TimeSpan.FromSeconds(3));
            stop.Dispose();
        }
    }
}
