using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Lef.Infra.Emit.Apply;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// <c>apply</c> on a pair, over ssh to both nodes' own sshd: the node without the VIPs first (stage, keepalived -t,
/// swap, sysctl, reload, verify), the one holding them last. Its own fixture: apply installs the real emitted
/// keepalived.conf, whose vrrp_track_process the failover tests cannot use inside a namespace (see <see cref="PairRehearsal"/>).
/// </summary>
public sealed class PairApplyRehearsalTests(PairRehearsal pair, ITestOutputHelper output) : IClassFixture<PairRehearsal>
{
    [RehearsalFact]
    public async Task Apply_rolls_through_the_pair_backup_first_and_never_reloads_both_at_once()
    {
        // A second endpoint on a new VIP: haproxy.cfg and keepalived.conf change on both nodes. Its address sorts before the
        // VIP the pair holds, so it comes first in the new keepalived.conf, where nobody holds it yet: the node holding the
        // live VIPs must still be taken for the master.
        var next = pair.EmitProxiesOnly("next", (file, text) => file switch
        {
            "Vips.cs" => text.Replace("Alias: 1);", "Alias: 1);\n    public static readonly Vip Billing = new(Pool: Pools.Proxy, Address: \"198.18.0.100\", Alias: 2);", StringComparison.Ordinal),
            "Endpoints.cs" => text[..text.LastIndexOf('}')] + "    public static readonly Endpoint Billing = new(Name: \"billing\", Vip: Vips.Billing, Port: Ports.PostgreSql, "
                + "Engine: Engine.PostgreSql, Backend: new Backend(Host: \"198.18.0.5\", Port: Ports.PostgreSql));\n}\n",
            _ => text,
        });
        Assert.True(await pair.A.HoldsVipAsync(), "proxy-a should hold the VIPs before the apply");

        var clock = Stopwatch.StartNew();
        await using var load = ConnectionLoad.PostgreSql(pair.Client, pair.Orders, clock);
        var apply = await pair.ApplyToolAsync("apply", next);
        await Task.Delay(500);
        var attempts = await load.StopAsync();
        output.WriteLine(apply.Output);
        output.WriteLine("during the apply: " + ConnectionLoad.Describe(pair.Orders, attempts, TimeSpan.Zero, clock.Elapsed));

        Assert.True(apply.ExitCode == ApplyExit.Applied, "apply exit " + apply.ExitCode + ": " + apply.Output);
        var text = apply.StandardOutput;
        Assert.Contains("pair: rolling, one node at a time: proxy-b.rehearsal.lef then proxy-a.rehearsal.lef (holds the VIPs)", text);
        Assert.Contains("proxy-b.rehearsal.lef: checked: haproxy -c, keepalived -t", text);
        Assert.Contains("proxy-a.rehearsal.lef: checked: haproxy -c, keepalived -t", text);

        // The backup is reloaded and verified (by its own HAProxy's check) before the master is touched.
        var backupReloaded = text.IndexOf("proxy-b.rehearsal.lef: reloaded in", StringComparison.Ordinal);
        var backupVerified = text.IndexOf("proxy-b.rehearsal.lef: verified billing-5432 (198.18.0.100:5432, by HAProxy's check: the VIPs are on the peer)", StringComparison.Ordinal);
        var masterReloaded = text.IndexOf("proxy-a.rehearsal.lef: reloaded in", StringComparison.Ordinal);
        Assert.True(backupReloaded >= 0 && backupVerified > backupReloaded && masterReloaded > backupVerified, "not backup first, verified, then master:\n" + text);
        Assert.Contains("proxy-a.rehearsal.lef: reloaded keepalived", text);
        Assert.Contains("proxy-a.rehearsal.lef: verified billing-5432 (198.18.0.100:5432)", text);

        // keepalived on the master took the new VIP from its reloaded file, and HAProxy serves it; nothing failed meanwhile.
        Assert.True(await pair.A.HoldsVipAsync() && !await pair.B.HoldsVipAsync(), "the VIPs moved during the apply");
        Assert.Equal(ProbeOutcome.Answered, await VipProbe.PostgreSqlAsync(pair.Client, new IPEndPoint(IPAddress.Parse("198.18.0.100"), 5432), TimeSpan.FromSeconds(3)));
        Assert.True(attempts.Count > 0 && attempts.All(a => a.Answered), ConnectionLoad.Describe(pair.Orders, attempts, TimeSpan.Zero, clock.Elapsed));
    }
}
