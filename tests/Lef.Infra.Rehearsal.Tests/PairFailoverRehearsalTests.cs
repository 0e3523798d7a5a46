using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// Failover of the pair, measured against the real keepalived and HAProxy from the emitted files. The one substitution
/// (a 1 s pid check in place of vrrp_track_process, which gets no process events inside a network namespace) is
/// <see cref="PairRehearsal"/>'s; it adds up to <see cref="PairRehearsal.StandInInterval"/> to "HAProxy stopped" only.
/// </summary>
public sealed class PairFailoverRehearsalTests(PairRehearsal pair, ITestOutputHelper output) : IClassFixture<PairRehearsal>
{
    /// <summary>Headroom for 2 shared cores: process start-up, the probe's own 20 ms step, a busy scheduler.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.5);

    [RehearsalFact]
    public async Task Haproxy_stopped_on_the_master_moves_the_vip_to_the_backup_which_keeps_it()
    {
        await ResetAsync();
        var (clock, wall) = (Stopwatch.StartNew(), DateTime.UtcNow);
        using var monitor = await AddressMonitor.StartAsync(PairRehearsal.VipAddress, pair.A, pair.B);
        // From the load's start: an attempt begun just before the event may be the one it hits.
        var loadStart = clock.Elapsed;
        await using var load = ConnectionLoad.PostgreSql(pair.Client, pair.Orders, clock);
        await Task.Delay(500);

        var stopped = clock.Elapsed;
        await pair.A.StopHaproxyAsync();
        var answered = await FirstAnswerFromAsync(pair.B, monitor, wall, clock);
        await Task.Delay(1000);
        var attempts = await load.StopAsync();

        var bound = PairRehearsal.StandInInterval + pair.MasterDownInterval + Margin;
        var (released, taken) = (Seen(monitor, wall, pair.A.Host, added: false), Seen(monitor, wall, pair.B.Host, added: true));
        output.WriteLine("HAProxy stopped on " + pair.A.Host + " at " + S(stopped) + ": " + pair.A.Host + " released the VIP at +" + S(released - stopped)
            + ", " + pair.B.Host + " held it at +" + S(taken - stopped) + ", the first new connection it answered was opened at +" + S(answered - stopped)
            + " (bound: stand-in check " + S(PairRehearsal.StandInInterval) + " + master-down " + S(pair.MasterDownInterval) + " + margin " + S(Margin) + " = " + S(bound) + ")");
        output.WriteLine(ConnectionLoad.Describe(pair.Orders, attempts, loadStart, clock.Elapsed));
        Assert.True(answered - stopped <= bound, "the backup's first answered connection was opened " + S(answered - stopped) + " after the stop, over " + S(bound) + ": " + monitor.Describe());

        // A session through the VIP reconnects and works on the backup.
        var psql = await pair.PsqlAsync("orders.db.lef", "select 1");
        Assert.True(psql.ExitCode == 0 && psql.StandardOutput.Trim() == "1", "psql after failover: " + psql.Output);

        // FailBack.Stay: HAProxy back on proxy-a, the VIP stays on proxy-b.
        pair.A.StartHaproxy();
        await Task.Delay(3 * pair.MasterDownInterval + PairRehearsal.StandInInterval);
        Assert.True(await pair.B.HoldsVipAsync() && !await pair.A.HoldsVipAsync(), "FailBack.Stay: the VIP moved back: " + monitor.Describe());
        output.WriteLine("HAProxy back on " + pair.A.Host + ": the VIP stayed on " + pair.B.Host + " for " + S(3 * pair.MasterDownInterval + PairRehearsal.StandInInterval) + " (FailBack.Stay)");
        Assert.Empty(monitor.BothHeld(wall));
    }

    [RehearsalFact]
    public async Task The_masters_link_cut_moves_the_vip_within_master_down_and_its_return_never_doubles_it()
    {
        await ResetAsync();
        var (clock, wall) = (Stopwatch.StartNew(), DateTime.UtcNow);
        using var monitor = await AddressMonitor.StartAsync(PairRehearsal.VipAddress, pair.A, pair.B);
        // From the load's start: an attempt begun just before the event may be the one it hits.
        var loadStart = clock.Elapsed;
        await using var load = ConnectionLoad.PostgreSql(pair.Client, pair.Orders, clock);
        await Task.Delay(500);

        var cut = clock.Elapsed;
        await pair.CableAsync(pair.A, connected: false);
        var answered = await FirstAnswerFromAsync(pair.B, monitor, wall, clock);

        // Long enough for an attempt caught by the cut to end (ConnectionLoad gives each 2 s).
        await Task.Delay(2500);
        var attempts = await load.StopAsync();
        var bound = pair.MasterDownInterval + Margin;
        output.WriteLine("link of " + pair.A.Host + " cut at " + S(cut) + ": " + pair.B.Host + " held the VIP at +" + S(Seen(monitor, wall, pair.B.Host, added: true) - cut)
            + ", the first new connection it answered was opened at +" + S(answered - cut) + " (bound: master-down " + S(pair.MasterDownInterval) + " + margin " + S(Margin) + " = " + S(bound) + ")");
        output.WriteLine(ConnectionLoad.Describe(pair.Orders, attempts, loadStart, clock.Elapsed));
        Assert.True(answered - cut <= bound, "the backup's first answered connection was opened " + S(answered - cut) + " after the cut, over " + S(bound) + ": " + monitor.Describe());

        var back = DateTime.UtcNow;
        await pair.CableAsync(pair.A, connected: true);
        await Task.Delay((4 * pair.MasterDownInterval) + Margin);
        var doubled = monitor.BothHeld(back);
        output.WriteLine("link back: " + (doubled.Count == 0 ? "no moment with the VIP on both nodes" : doubled.Count + " moments with the VIP on both") + "; " + monitor.Describe());
        Assert.Empty(doubled);
        Assert.True(await pair.B.HoldsVipAsync(), "FailBack.Stay: the VIP left " + pair.B.Host + " when the link came back");
    }

    [RehearsalFact]
    public async Task The_maintenance_file_moves_the_vip_away_with_no_failed_new_connection()
    {
        await ResetAsync();
        var (clock, wall) = (Stopwatch.StartNew(), DateTime.UtcNow);
        using var monitor = await AddressMonitor.StartAsync(PairRehearsal.VipAddress, pair.A, pair.B);
        // From the load's start: an attempt begun just before the event may be the one it hits.
        var loadStart = clock.Elapsed;
        await using var load = ConnectionLoad.PostgreSql(pair.Client, pair.Orders, clock);
        await Task.Delay(500);

        var entered = clock.Elapsed;
        var written = await pair.A.MaintenanceAsync(on: true);
        Assert.True(written.ExitCode == 0, written.Output);
        var answered = await FirstAnswerFromAsync(pair.B, monitor, wall, clock);
        await Task.Delay(1500);
        var attempts = await load.StopAsync();

        output.WriteLine("maintenance file on " + pair.A.Host + " at " + S(entered) + ": released at +" + S(Seen(monitor, wall, pair.A.Host, added: false) - entered)
            + ", " + pair.B.Host + " held the VIP at +" + S(Seen(monitor, wall, pair.B.Host, added: true) - entered) + ", its first answered connection was opened at +" + S(answered - entered));
        output.WriteLine(ConnectionLoad.Describe(pair.Orders, attempts, loadStart, clock.Elapsed));
        // The load opens one connection at a time. The one in flight when proxy-a let the VIP go is lost with it (no
        // connection sync moves with a VIP): reset when the client speaks next, its packets reaching proxy-b, which never
        // saw its SYN; unanswered when proxy-a was to speak next, from an address it no longer has. Refused or closed
        // still fail, and every other attempt must be answered.
        var released = Seen(monitor, wall, pair.A.Host, added: false);
        var inFlight = attempts.LastOrDefault(a => a.At <= released);
        var failed = attempts.Where(a => !a.Answered
            && !(ReferenceEquals(a, inFlight) && a.Outcome is nameof(System.Net.Sockets.SocketError.ConnectionReset) or ConnectionLoad.NoAnswer)).ToList();
        output.WriteLine("the connection in flight when the VIP left " + pair.A.Host + ": " + (inFlight is null ? "none" : inFlight.Outcome));
        // Each failure placed against the release, so a failure says whether it was the connection in flight or a later one.
        Assert.True(failed.Count == 0, failed.Count + " new connections failed besides the one in flight at the release ("
            + (inFlight is null ? "none" : "started at " + Signed(inFlight.At - released) + ": " + inFlight.Outcome) + "): "
            + string.Join(", ", failed.Select(a => "started at " + Signed(a.At - released) + ": " + a.Outcome)) + "; "
            + ConnectionLoad.Describe(pair.Orders, attempts, loadStart, clock.Elapsed) + "; " + monitor.Describe());
        Assert.True(await pair.B.HoldsVipAsync() && !await pair.A.HoldsVipAsync(), "the VIP is not on " + pair.B.Host + ": " + monitor.Describe());
        Assert.Empty(monitor.BothHeld(wall));
    }

    /// <summary>Both nodes healthy and proxy-a holding the VIP, whatever the last test left.</summary>
    private async Task ResetAsync()
    {
        await pair.CableAsync(pair.A, connected: true);
        await pair.A.MaintenanceAsync(on: false);
        if (pair.A.Haproxy!.HasExited)
        {
            pair.A.StartHaproxy();
        }

        // FailBack.Stay keeps the VIP where it is: move it back by putting proxy-b in maintenance for a moment.
        await Task.Delay(PairRehearsal.StandInInterval + pair.MasterDownInterval);
        if (!await pair.A.HoldsVipAsync())
        {
            await pair.B.MaintenanceAsync(on: true);
            await PairRehearsal.WaitAsync(async () => await pair.A.HoldsVipAsync() && !await pair.B.HoldsVipAsync(), TimeSpan.FromSeconds(10), "proxy-a did not take the VIP back");
            await pair.B.MaintenanceAsync(on: false);
            await Task.Delay(pair.MasterDownInterval);
        }

        Assert.True(await pair.A.HoldsVipAsync() && !await pair.B.HoldsVipAsync(), "reset: proxy-a does not hold the VIP alone");
    }

    /// <summary>
    /// When the first new connection through the VIP that <paramref name="node"/> answered was opened, once the address
    /// monitor saw it take the VIP. The attempt's start, not its end, and no process started per poll: on a loaded machine
    /// (the other test projects run beside this one) a poll that ran `ip` took hundreds of milliseconds, which the
    /// failover bound then charged to keepalived.
    /// </summary>
    private async Task<TimeSpan> FirstAnswerFromAsync(PairNodeHost node, AddressMonitor monitor, DateTime wall, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(15);
        while (clock.Elapsed < deadline)
        {
            if (Seen(monitor, wall, node.Host, added: true) > TimeSpan.Zero)
            {
                var opened = clock.Elapsed;
                if (await VipProbe.PostgreSqlAsync(pair.Client, pair.Orders, TimeSpan.FromSeconds(1)) == ProbeOutcome.Answered)
                {
                    return opened;
                }
            }

            await Task.Delay(20);
        }

        Assert.Fail(node.Host + " never answered through the VIP");
        return default;
    }

    /// <summary>The first time, on the test's clock, that a node added (or deleted) the VIP.</summary>
    private static TimeSpan Seen(AddressMonitor monitor, DateTime wall, string node, bool added) =>
        monitor.Changes().FirstOrDefault(c => c.Node == node && c.Added == added && c.At >= wall) is { At: var at } && at != default ? at - wall : TimeSpan.Zero;

    /// <summary>A time against the release, <c>-0.004 s</c> or <c>+0.120 s</c>.</summary>
    private static string Signed(TimeSpan t) => (t < TimeSpan.Zero ? "-" : "+") + S(t.Duration());

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
