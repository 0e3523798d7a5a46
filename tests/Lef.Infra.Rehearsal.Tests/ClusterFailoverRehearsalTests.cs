using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// A switchover and a lagging replica behind the real HAProxy, from the emitted haproxy.cfg, measured. Every bound is
/// derived from the endpoint's own listen section (<c>default-server inter … fall … rise …</c>, <c>timeout check</c>).
/// The role responders answer from the live servers; the switchover is Patroni's order: fence (the old primary's
/// /primary answers 503 while it still runs), read-only, catch up, promote.
/// </summary>
public sealed class ClusterFailoverRehearsalTests(ClusterRehearsal rehearsal, ITestOutputHelper output) : IClassFixture<ClusterRehearsal>
{
    private const long LagBound = 1048576;

    /// <summary>Headroom for 2 shared cores: the stats socket polled every 25 ms, process start-up, a busy scheduler.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.5);

    [RehearsalFact]
    public async Task A_switchover_moves_the_write_endpoint_to_the_new_primary_within_the_check_bounds_and_loses_no_write()
    {
        await rehearsal.ResetAsync();
        var (clock, timers) = (rehearsal.Clock, rehearsal.WriteTimers);
        var (old, next) = (rehearsal.First, rehearsal.Second);

        // An open session through the VIP, on the old primary: HAProxy must cut it when the server is marked down.
        using var session = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Orders, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
        Assert.Equal(old.Address, await session.ScalarAsync("select host(inet_server_addr())", TimeSpan.FromSeconds(5)));
        var sessionEnd = session.WaitForEndAsync(() => clock.Elapsed, TimeSpan.FromSeconds(30));

        var start = clock.Elapsed;
        using var writer = WriterLoop.Start(rehearsal.Client, rehearsal.Orders, Rehearsal.PostgreSqlUser, clock, firstSeq: Seq());
        await Task.Delay(1000);
        var switchover = await rehearsal.Cluster.SwitchoverAsync(old, next, clock);
        var firstOnNew = await writer.WaitForAsync(a => a.Committed && a.Node == next.Address, switchover.Promoted, timers.UpWindow + Margin + TimeSpan.FromSeconds(5));
        var down = await rehearsal.ChangeAsync(ClusterRehearsal.WriteListen, old, up: false, switchover.Fenced, timers.DownWindow + Margin);
        var up = await rehearsal.ChangeAsync(ClusterRehearsal.WriteListen, next, up: true, switchover.Fenced, timers.UpWindow + Margin);
        await Task.Delay(1000);
        var attempts = writer.Stop();
        var end = await sessionEnd;
        var lastOnOld = attempts.LastOrDefault(a => a.Committed && a.Node == old.Address);
        var during = attempts.Where(a => a.At >= switchover.Fenced && firstOnNew is not null && a.At <= firstOnNew.At).ToList();
        output.WriteLine(HaproxyTimers.Section(System.IO.File.ReadAllText(rehearsal.HaproxyConfig), "listen " + ClusterRehearsal.WriteListen));
        output.WriteLine($"listen {ClusterRehearsal.WriteListen}: {timers} -> down bound {S(timers.DownWindow)}, rise bound {S(timers.UpWindow)} (+ margin {S(Margin)})");
        output.WriteLine($"switchover {old} -> {next}: fenced at {S(switchover.Fenced)}, read-only +{S(switchover.ReadOnly - switchover.Fenced)}, caught up +{S(switchover.CaughtUp - switchover.Fenced)}, promoted +{S(switchover.Promoted - switchover.Fenced)}");
        output.WriteLine($"HAProxy marked {old.Name} DOWN at +{S(down?.At - switchover.Fenced)} after the fence; marked {next.Name} UP at +{S(up?.At - switchover.Promoted)} after the promotion");
        output.WriteLine($"first write committed on {next.Name}: +{S(firstOnNew?.At + firstOnNew?.Took - switchover.Promoted)} after the promotion ({firstOnNew}); last on {old.Name}: {lastOnOld}");
        output.WriteLine($"open session on {old.Name}: {end.How} at +{S(end.At - switchover.Fenced)} after the fence{(end.ServerMessage is null ? ", no word from PostgreSQL" : ", server said: " + end.ServerMessage)}");
        output.WriteLine("during the switch (fence to first write on the new primary): " + WriterLoop.Describe(during, switchover.Fenced, firstOnNew?.At ?? clock.Elapsed));
        output.WriteLine("whole run: " + WriterLoop.Describe(attempts, start, clock.Elapsed));

        // Stops routing to the old primary within the down bound, routes to the new one within the rise bound.
        Assert.True(down is not null && down.At - switchover.Fenced <= timers.DownWindow + Margin, $"{old.Name} marked down at {down?.At}, fenced at {switchover.Fenced}: " + string.Join("; ", rehearsal.Changes));
        Assert.True(up is not null && up.At - switchover.Promoted <= timers.UpWindow + Margin, $"{next.Name} marked up at {up?.At}, promoted at {switchover.Promoted}: " + string.Join("; ", rehearsal.Changes));
        Assert.True(firstOnNew is not null && firstOnNew.At + firstOnNew.Took - switchover.Promoted <= timers.UpWindow + Margin, "no write committed on " + next + " within the rise bound: " + firstOnNew);
        Assert.DoesNotContain(attempts, a => a.Committed && a.Node == old.Address && a.At > down!.At);

        // No write ever lands on a node in recovery, and every committed write is on the final primary.
        Assert.DoesNotContain(attempts, a => a.Committed && a.InRecovery != false);
        Assert.True(attempts.Count(a => a.Committed && a.Node == old.Address) >= 10 && attempts.Count(a => a.Committed && a.Node == next.Address) >= 10, WriterLoop.Describe(attempts, start, clock.Elapsed));
        var final = await PostgresCluster.WritesAsync(next);
        Assert.All(attempts.Where(a => a.Committed), a => Assert.True(final.TryGetValue(a.Seq, out var row) && row.Node == a.Node && !row.InRecovery, "lost or changed on " + next.Name + ": " + a));

        // The open session was cut by HAProxy (no ErrorResponse from PostgreSQL) while the old primary still ran, fenced.
        Assert.True(end.How is "closed" or "reset", "the session ended: " + end.How);
        Assert.Null(end.ServerMessage);
        Assert.True(end.At - switchover.Fenced <= timers.DownWindow + Margin, $"the session on {old.Name} was cut at +{S(end.At - switchover.Fenced)}, over the down bound");
        Assert.False(await old.InRecoveryAsync());
        Assert.Equal(1, await old.ScalarAsync<int>("select 1"));

        // A new session through the VIP is on the new primary.
        using var again = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Orders, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
        Assert.Equal(next.Address + " f", await again.ScalarAsync("select host(inet_server_addr()) || ' ' || pg_is_in_recovery()::text::char", TimeSpan.FromSeconds(5)));
    }

    [RehearsalFact]
    public async Task The_read_endpoint_stops_routing_to_a_replica_behind_its_lag_bound_and_routes_again_once_it_catches_up()
    {
        await rehearsal.ResetAsync();
        var (clock, timers) = (rehearsal.Clock, rehearsal.ReadTimers);
        var (primary, replica) = (rehearsal.First, rehearsal.Second);
        var config = System.IO.File.ReadAllText(rehearsal.HaproxyConfig);
        Assert.Contains("/replica?lag=" + LagBound, HaproxyTimers.Section(config, "listen " + ClusterRehearsal.ReadListen), StringComparison.Ordinal);

        using (var read = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Reports, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(replica.Address + " t", await read.ScalarAsync("select host(inet_server_addr()) || ' ' || pg_is_in_recovery()::text::char", TimeSpan.FromSeconds(5)));
        }

        var start = clock.Elapsed;
        await using var load = ConnectionLoad.PostgreSql(rehearsal.Client, rehearsal.Reports, clock, perSecond: 40);
        await Task.Delay(500);
        await PostgresCluster.PauseReplayAsync(replica);
        var written = await PostgresCluster.WriteWalAsync(primary, 2 * LagBound);
        var behind = clock.Elapsed;
        var lag = await replica.LagBytesAsync();
        Assert.True(lag > LagBound, "lag " + lag + " is not over the bound " + LagBound);
        var down = await rehearsal.ChangeAsync(ClusterRehearsal.ReadListen, replica, up: false, start, timers.DownWindow + Margin + TimeSpan.FromSeconds(5));

        // Fail closed: with its only replica behind, the read endpoint answers no one (the primary is never a reader).
        await Task.Delay(500);
        var refused = await TryReadAsync();

        var resumed = clock.Elapsed;
        await PostgresCluster.ResumeReplayAsync(replica);
        var up = await rehearsal.ChangeAsync(ClusterRehearsal.ReadListen, replica, up: true, resumed, timers.UpWindow + Margin + TimeSpan.FromSeconds(5));
        await Task.Delay(500);
        var attempts = await load.StopAsync();
        var routed = await TryReadAsync();

        output.WriteLine($"listen {ClusterRehearsal.ReadListen}: {timers} -> down bound {S(timers.DownWindow)}, rise bound {S(timers.UpWindow)} (+ margin {S(Margin)})");
        output.WriteLine($"replay paused on {replica.Name}, {written} bytes of WAL written on {primary.Name} (lag {lag} bytes, bound {LagBound}) by {S(behind)}: HAProxy marked {replica.Name} DOWN at +{S(down?.At - behind)}");
        output.WriteLine($"replay resumed at {S(resumed)}: HAProxy marked {replica.Name} UP at +{S(up?.At - resumed)}");
        output.WriteLine("while behind: " + refused + "; after catching up: " + routed);
        output.WriteLine(ConnectionLoad.Describe(rehearsal.Reports, attempts, start, clock.Elapsed));

        Assert.True(down is not null && down.At - behind <= timers.DownWindow + Margin, $"{replica.Name} marked down at {down?.At}, behind by {behind}: " + string.Join("; ", rehearsal.Changes));
        Assert.True(up is not null && up.At - resumed <= timers.UpWindow + Margin, $"{replica.Name} marked up at {up?.At}, resumed at {resumed}: " + string.Join("; ", rehearsal.Changes));
        Assert.StartsWith("refused", refused, StringComparison.Ordinal);
        Assert.Equal(replica.Address + " t", routed);
        Assert.All(attempts.Where(a => a.At > down!.At + TimeSpan.FromSeconds(0.1) && a.At < resumed), a => Assert.False(a.Answered, "answered while the replica was behind: " + a));
        Assert.All(attempts.Where(a => a.At > up!.At + TimeSpan.FromSeconds(0.1)), a => Assert.True(a.Answered, "not answered after the replica caught up: " + a));
        Assert.Contains(attempts, a => a.At < behind && a.Answered);
    }

    [RehearsalFact]
    public async Task Verify_finds_each_endpoint_on_the_node_with_its_role_and_fails_the_read_endpoint_while_its_replica_is_behind()
    {
        await rehearsal.ResetAsync();
        var (primary, replica) = (rehearsal.First, rehearsal.Second);
        var healthy = await rehearsal.VerifyAsync();
        output.WriteLine($"verify, {primary.Name} the primary and {replica.Name} its replica (exit {healthy.ExitCode}):\n{healthy.StandardOutput}");
        Assert.True(healthy.ExitCode == 0, healthy.Output);
        Assert.Contains("| orders.db.lef | 198.18.0.101 | 5432 | PostgreSql | ok | ok | ok | ok | ok |", healthy.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| reports.db.lef | 198.18.0.102 | 5432 | PostgreSql | ok | ok | ok | ok | ok |", healthy.StandardOutput, StringComparison.Ordinal);

        // The replica behind its bound: the read endpoint has no server, and verify says so (exit 5), the write endpoint still passes.
        await PostgresCluster.PauseReplayAsync(replica);
        await PostgresCluster.WriteWalAsync(primary, 2 * LagBound);
        await rehearsal.WaitForServerAsync(ClusterRehearsal.ReadListen, replica, up: false, rehearsal.ReadTimers.DownWindow + Margin);
        var behind = await rehearsal.VerifyAsync();
        await PostgresCluster.ResumeReplayAsync(replica);
        output.WriteLine($"verify, {replica.Name} behind its lag bound (exit {behind.ExitCode}):\n{behind.StandardOutput}");
        Assert.Equal(5, behind.ExitCode);
        Assert.Contains("| orders.db.lef | 198.18.0.101 | 5432 | PostgreSql | ok | ok | ok | ok | ok |", behind.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("| reports.db.lef | 198.18.0.102 | 5432 | PostgreSql | ok | ok | ok | FAIL |", behind.StandardOutput, StringComparison.Ordinal);

        // After a switchover the write endpoint passes again, now on the other node.
        await rehearsal.WaitForServerAsync(ClusterRehearsal.ReadListen, replica, up: true, rehearsal.ReadTimers.UpWindow + Margin);
        await rehearsal.Cluster.SwitchoverAsync(primary, replica, rehearsal.Clock);
        await rehearsal.WaitForServerAsync(ClusterRehearsal.WriteListen, primary, up: false, rehearsal.WriteTimers.DownWindow + Margin);
        await rehearsal.WaitForServerAsync(ClusterRehearsal.WriteListen, replica, up: true, rehearsal.WriteTimers.UpWindow + Margin);
        var switched = await rehearsal.VerifyAsync("--endpoint", "orders");
        output.WriteLine($"verify --endpoint orders after the switchover to {replica.Name} (exit {switched.ExitCode}):\n{switched.StandardOutput}");
        Assert.True(switched.ExitCode == 0, switched.Output);
        Assert.Contains("| orders.db.lef | 198.18.0.101 | 5432 | PostgreSql | ok | ok | ok | ok | ok |", switched.StandardOutput, StringComparison.Ordinal);
        using var session = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Orders, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
        Assert.Equal(replica.Address, await session.ScalarAsync("select host(inet_server_addr())", TimeSpan.FromSeconds(5)));
    }

    /// <summary>One read through the read endpoint: "server in_recovery", or "refused: why".</summary>
    private async Task<string> TryReadAsync()
    {
        try
        {
            using var read = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Reports, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(3));
            return await read.ScalarAsync("select host(inet_server_addr()) || ' ' || pg_is_in_recovery()::text::char", TimeSpan.FromSeconds(3)) ?? "null";
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return "refused: " + e.GetType().Name + " " + e.Message;
        }
    }

    private static long Seq() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * 1000;

    private static string S(TimeSpan? t) => t is { } value ? value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "never";
}
