using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>The rehearsal pair with <c>FailBack.Preempt</c>: the emitted keepalived.conf without <c>nopreempt</c>.</summary>
public sealed class PreemptPairRehearsal : PairRehearsal
{
    protected override string Edit(string file, string text) =>
        file == "Pairs.cs" ? text.Replace("FailBack: FailBack.Stay", "FailBack: FailBack.Preempt", StringComparison.Ordinal) : text;
}

/// <summary>
/// Fail-back as <c>FailBack.Preempt</c> says: when the higher priority node's HAProxy is back, the VIPs go back to it, within
/// the stand-in check's interval plus keepalived's master-down interval (a backup with the higher priority ignores the
/// lower one's adverts, RFC 5798 6.4.2, and takes over when its timer runs out). <see cref="PairFailoverRehearsalTests"/>
/// shows <c>FailBack.Stay</c> keeping them where they are.
/// </summary>
public sealed class PairPreemptRehearsalTests(PreemptPairRehearsal pair, ITestOutputHelper output) : IClassFixture<PreemptPairRehearsal>
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(0.5);

    [RehearsalFact]
    public async Task The_vip_goes_back_to_the_higher_priority_node_when_its_haproxy_returns()
    {
        Assert.Equal("Preempt", pair.FailBackPolicy);
        Assert.DoesNotContain("nopreempt", System.IO.File.ReadAllText(pair.A.EmittedKeepalived), StringComparison.Ordinal);
        Assert.True(await pair.A.HoldsVipAsync() && !await pair.B.HoldsVipAsync(), "proxy-a should hold the VIP at the start");

        var (clock, wall) = (Stopwatch.StartNew(), DateTime.UtcNow);
        using var monitor = await AddressMonitor.StartAsync(PairRehearsal.VipAddress, pair.A, pair.B);
        var loadStart = clock.Elapsed;
        await using var load = ConnectionLoad.PostgreSql(pair.Client, pair.Orders, clock);
        await Task.Delay(500);

        // The master's HAProxy stops: the backup takes the VIP.
        await pair.A.StopHaproxyAsync();
        await PairRehearsal.WaitAsync(async () => await pair.B.HoldsVipAsync() && !await pair.A.HoldsVipAsync(), TimeSpan.FromSeconds(10), "proxy-b never took the VIP");
        await Task.Delay(1000);

        // It comes back: with Preempt the VIP returns to proxy-a.
        var restarted = clock.Elapsed;
        var restartedWall = DateTime.UtcNow;
        pair.A.StartHaproxy();
        await PairRehearsal.WaitAsync(async () => await pair.A.HoldsVipAsync() && !await pair.B.HoldsVipAsync(), TimeSpan.FromSeconds(15), "the VIP did not go back to proxy-a (FailBack.Preempt)");
        var back = clock.Elapsed;
        await Task.Delay(1500);
        var attempts = await load.StopAsync();

        var bound = PairRehearsal.StandInInterval + pair.MasterDownInterval + Margin;
        var returned = monitor.Changes().FirstOrDefault(c => c.Node == pair.A.Host && c.Added && c.At >= restartedWall);
        var doubled = monitor.BothHeld(restartedWall);
        output.WriteLine("HAProxy back on " + pair.A.Host + " at " + S(restarted) + ": it held the VIP again at +" + S(back - restarted)
            + (returned.At != default ? " (ip monitor: added at +" + S(returned.At - restartedWall) + ")" : string.Empty)
            + " (bound: stand-in check " + S(PairRehearsal.StandInInterval) + " + master-down " + S(pair.MasterDownInterval) + " + margin " + S(Margin) + " = " + S(bound) + ")");
        output.WriteLine("fail-back: " + (doubled.Count == 0 ? "no moment with the VIP on both nodes" : doubled.Count + " sample(s) with the VIP on both nodes") + "; " + monitor.Describe());
        output.WriteLine(ConnectionLoad.Describe(pair.Orders, attempts, loadStart, clock.Elapsed));
        Assert.True(back - restarted <= bound, "the VIP went back after " + S(back - restarted) + ", over " + S(bound) + ": " + monitor.Describe());

        // A new session through the VIP works on the node it went back to.
        var psql = await pair.PsqlAsync("orders.db.lef", "select 1");
        Assert.True(psql.ExitCode == 0 && psql.StandardOutput.Trim() == "1", "psql after fail-back: " + psql.Output);
    }

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
