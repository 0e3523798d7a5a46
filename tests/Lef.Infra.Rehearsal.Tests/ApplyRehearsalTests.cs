using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// plan, apply, status, drain and rollback driven end to end: the real lef-infra on the client host, over OpenSSH to the
/// proxy and DNS hosts' own sshd, against the real HAProxy (master-worker), ifupdown and BIND. Each test first applies
/// the state it starts from, so they hold in any order.
/// </summary>
public sealed partial class ApplyRehearsalTests(Rehearsal rehearsal, ITestOutputHelper log) : IClassFixture<Rehearsal>
{
    private const string ProxyConfig = "/etc/haproxy/haproxy.cfg";
    private static readonly ConcurrentDictionary<string, string> Variants = new(StringComparer.Ordinal);

    /// <summary>The rehearsal topology as emitted at set-up: orders and payroll.</summary>
    private string Base => rehearsal.DeployDirectory;

    /// <summary>Adds reports (PostgreSQL, a new VIP on ens18:3) and moves payroll's backend to db:1434.</summary>
    private string Next => Variant("deploy-next", Base, (file, text) => NextEdit(file, text, 1434));

    /// <summary>Next, with payroll moved to db:1435, where nothing listens: verify fails after the reload.</summary>
    private string Broken => Variant("deploy-broken", Next, (file, text) => NextEdit(file, text, 1435));

    /// <summary>Next without reports: an endpoint, its VIP and its name removed.</summary>
    private string Removed => Variant("deploy-removed", Next, (file, text) => file == "Endpoints.cs"
        ? Edit(text, "Backend: new Backend(Host: \"198.18.1.5\", Port: Ports.SqlServer));", "Backend: new Backend(Host: \"198.18.1.5\", Port: 1434));")
        : text);

    [RehearsalFact]
    public async Task Apply_adds_an_endpoint_and_moves_a_backend_without_one_failed_connection()
    {
        await ReachAsync(Base);
        var plan = await rehearsal.ApplyToolAsync("plan", Next);
        Assert.True(plan.ExitCode == 1, "plan: " + plan.Output);
        Assert.Contains("proxy.rehearsal.lef: adds listen reports-5432@198.18.0.103:5432; changes listen payroll-1433; brings up ens18:3", plan.StandardOutput);
        Assert.Contains("+reports IN A 198.18.0.103", plan.StandardOutput);

        // An unchanged endpoint's sessions: a psql running a query across the reload, and an idle session used after it.
        var clock = Stopwatch.StartNew();
        using var idle = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), rehearsal.Vip("orders", 5432), Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
        var psql = rehearsal.PsqlAsync("orders.db.lef", "select pg_sleep(6), 'survived'");
        await using var orders = ConnectionLoad.PostgreSql(rehearsal.Client, rehearsal.Vip("orders", 5432), clock, perSecond: 150);
        await using var payroll = ConnectionLoad.SqlServer(rehearsal.Client, rehearsal.Vip("payroll", 1433), clock, perSecond: 150);
        await Task.Delay(500);

        var start = clock.Elapsed;
        var apply = await rehearsal.ApplyToolAsync("apply", Next);
        var end = clock.Elapsed;
        await Task.Delay(500);
        var ordersAttempts = await orders.StopAsync();
        var payrollAttempts = await payroll.StopAsync();
        Assert.True(apply.ExitCode == 0, "apply: " + apply.Output);

        log.WriteLine("apply took " + (end - start).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s; " + Line(apply.StandardOutput, "reloaded in"));
        foreach (var (load, attempts) in new[] { (orders, ordersAttempts), (payroll, payrollAttempts) })
        {
            log.WriteLine("during the apply: " + ConnectionLoad.Describe(load.Target, attempts, start, end));
            var during = attempts.Where(a => a.At >= start && a.At <= end).ToList();
            Assert.True(during.Count / (end - start).TotalSeconds >= 50, ConnectionLoad.Describe(load.Target, attempts, start, end));
            Assert.All(attempts, a => Assert.True(a.Answered, load.Target + " at " + a.At + ": " + a.Outcome));
        }

        var survived = await psql;
        Assert.True(survived.ExitCode == 0, "the psql session across the reload: " + survived.Output);
        Assert.Contains("survived", survived.StandardOutput);
        Assert.Equal("1", await idle.ScalarAsync("select 1", TimeSpan.FromSeconds(5)));

        // The new endpoint: its alias is up, its name resolves, psql gets through; payroll now reaches db:1434.
        Assert.Contains("inet 198.18.0.103/24", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
        Assert.Equal("198.18.0.103", (await rehearsal.OnClientAsync("dig", "+short", "@" + Rehearsal.NameServerAddress, "reports.db.lef", "A")).StandardOutput.Trim());
        var reports = await rehearsal.PsqlAsync("reports.db.lef", "select 'reports'");
        Assert.True(reports.ExitCode == 0, reports.Output);
        Assert.Contains(rehearsal.SecondSqlServer.Connections, c => c.IsPrelogin);

        var status = await rehearsal.ApplyToolAsync("status", Next);
        Assert.True(status.ExitCode == 0, status.Output);
        log.WriteLine(status.StandardOutput);
        Assert.Matches(@"\| reports-5432 \| reports \| UP \| L7OK \|", status.StandardOutput);
        Assert.Matches(@"\| payroll-1433 \| payroll \| UP \| L7OK \|", status.StandardOutput);
        Assert.Matches(@"journal: \S+\t\S+\t\S+\tgeneration=\d+\tfiles=/etc/haproxy/haproxy.cfg,/etc/network/interfaces.d/lef-ens18\treload=ok\tverify=ok payroll-1433,reports-5432\tapplied", status.StandardOutput);

        // --local: the same status, read by the tool running on the proxy host itself, without ssh.
        var local = await rehearsal.OnProxyAsync(rehearsal.Dotnet, Path.Combine(AppContext.BaseDirectory, "lef-infra.dll"), "status", "--local", "--host", Rehearsal.ProxyHost, "--deploy", Next);
        Assert.True(local.ExitCode == 0, "status --local: " + local.Output);
        Assert.Matches(@"\| reports-5432 \| reports \| UP \| L7OK \|", local.StandardOutput);

        var again = await rehearsal.ApplyToolAsync("apply", Next);
        Assert.True(again.ExitCode == 20, "a second apply has nothing to do: " + again.Output);
    }

    [RehearsalFact]
    public async Task A_config_haproxy_rejects_a_stale_plan_and_a_held_lock_change_nothing_live()
    {
        await ReachAsync(Base);
        var live = await LiveConfigAsync();

        // Test-only fault: a deploy folder whose haproxy.cfg has a line HAProxy does not know.
        var bad = Path.Combine(rehearsal.Directory, "deploy-bad");
        Rehearsal.CopyFolder(Next, bad);
        File.AppendAllText(Path.Combine(bad, "hosts", Rehearsal.ProxyHost, "haproxy", "haproxy.cfg"), "    not-a-haproxy-keyword\n");
        var rejected = await rehearsal.ApplyToolAsync("apply", bad);
        log.WriteLine(rejected.StandardError.Trim());
        Assert.True(rejected.ExitCode == 23, "a config haproxy -c rejects: " + rejected.Output);
        Assert.Matches(@"error: proxy\.rehearsal\.lef: haproxy -c \S+/generations/\d+/files/etc/haproxy/haproxy\.cfg: .*not-a-haproxy-keyword.*; nothing live changed", rejected.StandardError);
        Assert.Equal(live, await LiveConfigAsync());
        Assert.DoesNotContain("198.18.0.103", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
        Assert.Equal("NXDOMAIN", Status(await rehearsal.OnClientAsync("dig", "@" + Rehearsal.NameServerAddress, "reports.db.lef", "A")));
        Assert.True((await rehearsal.PsqlAsync("orders.db.lef", "select 1")).ExitCode == 0, "the old config keeps serving");

        // A zone named-checkconf rejects: every host is checked before any changes, so the proxy keeps its config too.
        var badZone = Path.Combine(rehearsal.Directory, "deploy-bad-zone");
        Rehearsal.CopyFolder(Next, badZone);
        File.AppendAllText(Path.Combine(badZone, "dns", "views", "internal", "db.lef.zone"), "broken IN A 198.18.0.300\n");
        var zoneRejected = await rehearsal.ApplyToolAsync("apply", badZone);
        log.WriteLine(zoneRejected.StandardError.Trim());
        Assert.True(zoneRejected.ExitCode == 23, "a zone named-checkconf rejects: " + zoneRejected.Output);
        Assert.Matches(@"error: dns\.core\.lef: named-checkconf -z \S+/generations/\d+/files/etc/bind/lef/named\.conf\.lef-views: .*198\.18\.0\.300.*; nothing live changed", zoneRejected.StandardError);
        Assert.Equal(live, await LiveConfigAsync());
        Assert.Equal("NXDOMAIN", Status(await rehearsal.OnClientAsync("dig", "@" + Rehearsal.NameServerAddress, "reports.db.lef", "A")));

        // A plan, then a hand edit on the host: the plan is stale and apply refuses it, leaving the edit in place.
        var planFile = Path.Combine(rehearsal.Directory, "next.plan");
        var plan = await rehearsal.ApplyToolAsync("plan", Next, "--save", planFile);
        Assert.True(plan.ExitCode == 1, plan.Output);
        Assert.True((await rehearsal.OnProxyAsync("sh", "-c", "echo '# edited by hand' >> " + ProxyConfig)).ExitCode == 0);
        var stale = await rehearsal.ApplyToolAsync("apply", Next, "--plan", planFile);
        log.WriteLine(stale.StandardError.Trim());
        Assert.True(stale.ExitCode == 21, "a stale plan: " + stale.Output);
        Assert.Contains("proxy.rehearsal.lef: stale plan " + planFile + ": the live files changed since the plan read them", stale.StandardError);
        Assert.Equal(live + "# edited by hand\n", await LiveConfigAsync());

        // A fresh plan goes through.
        await ReachAsync(Base);
        plan = await rehearsal.ApplyToolAsync("plan", Next, "--save", planFile);
        var planned = await rehearsal.ApplyToolAsync("apply", Next, "--plan", planFile);
        Assert.True(planned.ExitCode == 0, "apply --plan with a fresh plan: " + planned.Output);

        // Someone holds the lock: apply waits its bound, refuses naming the holder, and changes nothing.
        await ReachAsync(Base);
        live = await LiveConfigAsync();
        var holder = BackgroundProcess.Start("nsenter", ["-t", rehearsal.ProxyShell.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", "sh", "-c",
            "exec 9>>/var/lib/lef-infra/lock && flock 9 && echo 'ops@laptop pid 42' > /var/lib/lef-infra/lock.owner && echo locked && sleep 30"]);
        ToolResult locked;
        var clock = Stopwatch.StartNew();
        try
        {
            await holder.WaitForOutputAsync("locked", TimeSpan.FromSeconds(10));
            locked = await rehearsal.ApplyToolAsync("apply", Next, "--lock-wait", "2");
        }
        finally
        {
            holder.Dispose();
        }

        log.WriteLine(locked.StandardError.Trim() + " (after " + clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s)");
        Assert.True(locked.ExitCode == 22, "a held lock: " + locked.Output);
        Assert.Contains("held by ops@laptop pid 42 (waited 2 s)", locked.StandardError);
        Assert.Equal(live, await LiveConfigAsync());

        // Two applies at once: one takes the lock and applies, the other waits for it and then has nothing to do.
        var both = await Task.WhenAll(rehearsal.ApplyToolAsync("apply", Next), rehearsal.ApplyToolAsync("apply", Next));
        log.WriteLine("two applies at once: exit codes " + string.Join(", ", both.Select(b => b.ExitCode)));
        Assert.Equal([0, 20], both.Select(b => b.ExitCode).Order().ToArray());
        Assert.Equal(File.ReadAllText(Path.Combine(Next, "hosts", Rehearsal.ProxyHost, "haproxy", "haproxy.cfg")), await LiveConfigAsync());
    }

    [RehearsalFact]
    public async Task An_apply_whose_verify_fails_rolls_back_by_itself_and_rollback_goes_back_a_generation()
    {
        await ReachAsync(Base);
        await ReachAsync(Next);
        var next = await LiveConfigAsync();

        var clock = Stopwatch.StartNew();
        await using var payroll = ConnectionLoad.SqlServer(rehearsal.Client, rehearsal.Vip("payroll", 1433), clock, perSecond: 20);
        var start = clock.Elapsed;
        var broken = await rehearsal.ApplyToolAsync("apply", Broken);
        var end = clock.Elapsed;

        // A connection routed to the dead backend may still be waiting: give the load time to see payroll answer again.
        await Task.Delay(3000);
        var attempts = await payroll.StopAsync();
        log.WriteLine(broken.Output.Trim());
        Assert.True(broken.ExitCode == 24, "an apply whose verify fails: " + broken.Output);
        Assert.Matches(@"error: proxy\.rehearsal\.lef: verify payroll-1433: HAProxy's health check of payroll failed; rolled back to generation \d+ with a reload", broken.StandardError);
        Assert.Equal(next, await LiveConfigAsync());

        // The outage: from the first connection the broken backend failed to the first one answered after it.
        var failed = attempts.Where(a => !a.Answered).ToList();
        var outage = failed.Count == 0 ? TimeSpan.Zero : (attempts.FirstOrDefault(a => a.Answered && a.At > failed[0].At)?.At ?? TimeSpan.MaxValue) - failed[0].At;
        log.WriteLine("apply with rollback took " + (end - start).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s; "
            + Line(broken.StandardOutput, "rolled back to generation") + "; payroll failed " + failed.Count + " of " + attempts.Count + " new connections; routed again " + outage.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s after the first failure");
        Assert.True(outage <= TimeSpan.FromSeconds(10), "payroll was out for " + outage);
        Assert.True(attempts[^1].Answered, "payroll routes again after the rollback: " + attempts[^1].Outcome);

        // Base applied over Next: a rollback goes back to what was live before it, Next, not to the newer generation that
        // failed and was never live; a second one goes on back, to the generation before Next, Base.
        await ReachAsync(Base);
        var rollback = await rehearsal.ApplyToolAsync("rollback", Next, "--host", Rehearsal.ProxyHost);
        log.WriteLine(rollback.StandardOutput.Trim());
        Assert.True(rollback.ExitCode == 0, "rollback: " + rollback.Output);
        Assert.Equal(next, await LiveConfigAsync());
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
        rollback = await rehearsal.ApplyToolAsync("rollback", Next, "--host", Rehearsal.ProxyHost);
        log.WriteLine(rollback.StandardOutput.Trim());
        Assert.True(rollback.ExitCode == 0, "a second rollback: " + rollback.Output);
        Assert.Equal(File.ReadAllText(rehearsal.HaproxyConfig), await LiveConfigAsync());
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("198.18.0.103", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
    }

    [RehearsalFact]
    public async Task A_removed_endpoint_stops_resolving_first_and_a_down_server_stays_down_across_the_reload()
    {
        await ReachAsync(Next);

        // payroll's backend accepts connections but is not a SQL Server: HAProxy's check marks it DOWN, and any connection
        // routed to it would get this reply.
        rehearsal.Stop(rehearsal.SecondSqlServer);
        using var impostor = new Impostor(rehearsal.Db, new IPEndPoint(IPAddress.Parse(Rehearsal.DbAddress), 1434));
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15), "payroll", up: false);

        try
        {
            // A session on reports: apply refuses to remove it, and after a bounded drain still refuses; nothing changed.
            var live = await LiveConfigAsync();
            using (var session = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), new IPEndPoint(IPAddress.Parse("198.18.0.103"), 5432), Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5)))
            {
                var refused = await rehearsal.ApplyToolAsync("apply", Removed);
                log.WriteLine(refused.StandardError.Trim());
                Assert.True(refused.ExitCode == 22, refused.Output);
                Assert.Contains("remove reports-5432: 1 session(s) still open; drain it first", refused.StandardError);
                var drained = await rehearsal.ApplyToolAsync("apply", Removed, "--drain", "--drain-timeout", "1");
                Assert.True(drained.ExitCode == 22, drained.Output);
                Assert.Contains("reports-5432: 1 session(s) still open after 1 s", drained.StandardError);
                Assert.Equal(live, await LiveConfigAsync());

                // A refused apply leaves reports as it found it: ready, not drained (HAProxy would keep the drain across every
                // later reload, and new clients of reports would be refused with nothing to undo it).
                Assert.Contains(Rehearsal.ProxyHost + ": reports-5432/reports: drain undone, ready again", drained.StandardOutput);
                Assert.Matches(@"\| reports-5432 \| reports \| UP \|", (await rehearsal.ApplyToolAsync("status", Removed)).StandardOutput);
                Assert.Equal("198.18.0.103", (await rehearsal.OnClientAsync("dig", "+short", "@" + Rehearsal.NameServerAddress, "reports.db.lef", "A")).StandardOutput.Trim());
            }

            var clock = Stopwatch.StartNew();
            await using var payroll = ConnectionLoad.SqlServer(rehearsal.Client, rehearsal.Vip("payroll", 1433), clock, perSecond: 20);
            using var watch = new CancellationTokenSource();
            var resolvesUntil = WatchAsync(clock, watch.Token, async () => (await rehearsal.OnClientAsync("dig", "+short", "+time=1", "@" + Rehearsal.NameServerAddress, "reports.db.lef", "A")).StandardOutput.Trim() == "198.18.0.103");
            var listensUntil = WatchAsync(clock, watch.Token, async () => (await rehearsal.Proxy.TryRunAsync("ss", "-Hltn", "src", "198.18.0.103:5432")).StandardOutput.Contains("198.18.0.103:5432", StringComparison.Ordinal));
            var apply = await rehearsal.ApplyToolAsync("apply", Removed, "--removal-wait", "3");
            await Task.Delay(300);
            await watch.CancelAsync();
            var attempts = await payroll.StopAsync();
            log.WriteLine(apply.StandardOutput.Trim());
            Assert.True(apply.ExitCode == 0, apply.Output);

            var (dnsGone, listenGone) = (await resolvesUntil, await listensUntil);
            log.WriteLine("reports.db.lef stopped resolving at " + dnsGone.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s, stopped listening at "
                + listenGone.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s");
            Assert.True(listenGone - dnsGone >= TimeSpan.FromSeconds(2.5), "the listen went " + (listenGone - dnsGone) + " after the name");
            Assert.DoesNotContain("198.18.0.103", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);

            // No fail open: payroll was DOWN before the reload and no connection reached its backend across it.
            log.WriteLine("payroll, DOWN across the reload: " + attempts.Count + " new connections, " + attempts.Count(a => a.Answered) + " routed");
            Assert.DoesNotContain(attempts, a => a.Answered);
            Assert.Contains(await rehearsal.Stats.ServersAsync(), s => s.Server == "payroll" && !s.IsUp);

            // The loudest outcome: the new backend fails its check, and so does the one the rollback goes back to.
            var lost = await rehearsal.ApplyToolAsync("apply", Broken);
            log.WriteLine(lost.StandardError.Trim());
            Assert.True(lost.ExitCode == 25, "verify and rollback both failing: " + lost.Output);
            Assert.Matches(@"error: proxy\.rehearsal\.lef: verify payroll-1433: .*; ROLLBACK FAILED: proxy\.rehearsal\.lef: verify payroll-1433: HAProxy's health check of payroll failed", lost.StandardError);
            Assert.Equal("NXDOMAIN", Status(await rehearsal.OnClientAsync("dig", "@" + Rehearsal.NameServerAddress, "reports.db.lef", "A")));
        }
        finally
        {
            impostor.Dispose();
            rehearsal.SecondSqlServer = rehearsal.StartTdsResponder(1434);
        }

        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
        var drain = await rehearsal.ApplyToolAsync("drain", Removed, "--endpoint", "payroll", "--timeout", "2");
        log.WriteLine(drain.Output.Trim());
        Assert.True(drain.ExitCode == 0, drain.Output);
        Assert.Matches(@"\| payroll-1433 \| payroll \| DRAIN \|", (await rehearsal.ApplyToolAsync("status", Removed)).StandardOutput);
        var ready = await rehearsal.ApplyToolAsync("drain", Removed, "--endpoint", "payroll.db.lef", "--ready");
        Assert.True(ready.ExitCode == 0, ready.Output);
        Assert.Contains(Rehearsal.ProxyHost + ": payroll-1433/payroll: drain undone, ready again", ready.StandardOutput);
        Assert.Matches(@"\| payroll-1433 \| payroll \| UP \|", (await rehearsal.ApplyToolAsync("status", Removed)).StandardOutput);

        // A server an operator put in maintenance stays there: HAProxy's drain would take it out, and ready would route to it.
        Assert.True((await rehearsal.OnProxyAsync("sh", "-c", "echo 'set server payroll-1433/payroll state maint' | nc -U /run/haproxy/admin.sock")).ExitCode == 0);
        foreach (var arguments in new[] { new[] { "--endpoint", "payroll" }, ["--endpoint", "payroll", "--ready"] })
        {
            var held = await rehearsal.ApplyToolAsync("drain", Removed, arguments);
            Assert.True(held.ExitCode == 0, held.Output);
            Assert.Contains(Rehearsal.ProxyHost + ": payroll-1433/payroll: in maintenance (MAINT), left so", held.StandardOutput);
            Assert.Matches(@"\| payroll-1433 \| payroll \| MAINT \|", (await rehearsal.ApplyToolAsync("status", Removed)).StandardOutput);
        }

        Assert.True((await rehearsal.OnProxyAsync("sh", "-c", "echo 'set server payroll-1433/payroll state ready' | nc -U /run/haproxy/admin.sock")).ExitCode == 0);
    }

    [RehearsalFact]
    public async Task A_vip_that_moves_goes_down_with_its_old_address_and_comes_up_with_the_new_one()
    {
        await ReachAsync(Base);
        var moved = Variant("deploy-moved", Base, (file, text) => file == "Vips.cs" ? Edit(text, "Address: \"198.18.0.102\", Alias: 2", "Address: \"198.18.0.104\", Alias: 2") : text);

        var plan = await rehearsal.ApplyToolAsync("plan", moved);
        Assert.Contains("changes listen payroll-1433; brings up ens18:2; takes down ens18:2", plan.StandardOutput);
        var apply = await rehearsal.ApplyToolAsync("apply", moved);
        log.WriteLine(apply.StandardOutput.Trim());
        Assert.True(apply.ExitCode == 0, apply.Output);

        var addresses = (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput;
        Assert.Matches(@"inet 198\.18\.0\.104/24 brd 198\.18\.0\.255 scope global secondary ens18:2\n", addresses);
        Assert.DoesNotContain("198.18.0.102", addresses);
        Assert.Equal("198.18.0.104", (await rehearsal.OnClientAsync("dig", "+short", "@" + Rehearsal.NameServerAddress, "payroll.db.lef", "A")).StandardOutput.Trim());
        var nc = await rehearsal.OnClientAsync("nc", "-vz", "-w", "3", "payroll.db.lef", "1433");
        Assert.True(nc.ExitCode == 0, nc.Output);

        await ReachAsync(Base);
        Assert.Contains("inet 198.18.0.102/24", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
    }

    [RehearsalFact]
    public async Task Pruning_after_failed_applies_keeps_the_generation_a_rollback_goes_to()
    {
        await ReachAsync(Next);
        var next = await LiveConfigAsync();
        for (var i = 0; i < 2; i++)
        {
            var failed = await rehearsal.ApplyToolAsync("apply", Broken);
            Assert.True(failed.ExitCode == 24, "a broken apply: " + failed.Output);
        }

        // Two generations kept: the live one and the one live before it, not the newest failed one.
        var applied = await rehearsal.ApplyToolAsync("apply", Base, "--keep", "2", "--removal-wait", "1");
        Assert.True(applied.ExitCode == 0, applied.Output);
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
        var rollback = await rehearsal.ApplyToolAsync("rollback", Base, "--host", Rehearsal.ProxyHost);
        log.WriteLine(rollback.Output.Trim());
        Assert.True(rollback.ExitCode == 0, "rollback after pruning: " + rollback.Output);
        Assert.Equal(next, await LiveConfigAsync());
        await ReachAsync(Base);
    }

    [RehearsalFact]
    public async Task Rollbacks_past_a_hand_edit_go_to_the_edit_then_to_what_it_was_made_to()
    {
        await ReachAsync(Next);
        await ReachAsync(Base);
        await rehearsal.OnProxyAsync("sh", "-c", "echo '# a hand edit' >> " + ProxyConfig);
        var edited = await LiveConfigAsync();
        var apply = await rehearsal.ApplyToolAsync("apply", Next);
        Assert.True(apply.ExitCode == 0, apply.Output);
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));

        // The first rollback goes to the hand-edited files (adopted before the apply); the second to the generation they
        // were edited from, Base: not back to Next, the generation the first rollback left.
        var first = await rehearsal.ApplyToolAsync("rollback", Next, "--host", Rehearsal.ProxyHost);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(edited, await LiveConfigAsync());
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
        var second = await rehearsal.ApplyToolAsync("rollback", Next, "--host", Rehearsal.ProxyHost);
        log.WriteLine(second.Output.Trim());
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(File.ReadAllText(rehearsal.HaproxyConfig), await LiveConfigAsync());
        await ReachAsync(Base);
    }

    [RehearsalFact]
    public async Task A_reload_that_fails_is_rolled_back_without_bringing_a_down_server_up()
    {
        await ReachAsync(Next);
        var live = await LiveConfigAsync();
        rehearsal.Stop(rehearsal.SecondSqlServer);
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15), "payroll", up: false);
        try
        {
            // Test-only fault: Broken (payroll's listen changed) plus a listen on an address no alias holds. haproxy -c binds
            // nothing and passes; the reload cannot bind it, and the master keeps the old worker.
            var unbindable = Path.Combine(rehearsal.Directory, "deploy-unbindable");
            Rehearsal.CopyFolder(Broken, unbindable);
            File.AppendAllText(Path.Combine(unbindable, "hosts", Rehearsal.ProxyHost, "haproxy", "haproxy.cfg"),
                "\nlisten nowhere-5432\n    bind 198.18.0.250:5432\n    mode tcp\n    server nowhere 198.18.1.5:5432\n");
            var apply = await rehearsal.ApplyToolAsync("apply", unbindable);
            log.WriteLine(apply.Output.Trim());
            Assert.True(apply.ExitCode == 24, "a reload that fails: " + apply.Output);
            Assert.Equal(live, await LiveConfigAsync());

            // The old worker still runs the old config: its saved state is right as it is. Dropping payroll's (its listen
            // differs in the failed config) would start payroll UP, on a backend that is down, until its first check.
            Assert.Contains(await rehearsal.Stats.ServersAsync(), s => s.Server == "payroll" && !s.IsUp);
        }
        finally
        {
            rehearsal.SecondSqlServer = rehearsal.StartTdsResponder(1434);
        }

        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
    }

    [RehearsalFact]
    public async Task A_vip_move_whose_verify_fails_rolls_back_to_its_old_address()
    {
        await ReachAsync(Base);
        var live = await LiveConfigAsync();
        var broken = Variant("deploy-moved-broken", Base, (file, text) => file switch
        {
            "Vips.cs" => Edit(text, "Address: \"198.18.0.102\", Alias: 2", "Address: \"198.18.0.104\", Alias: 2"),
            "Endpoints.cs" => Edit(text, "Backend: new Backend(Host: \"198.18.1.5\", Port: Ports.SqlServer));", "Backend: new Backend(Host: \"198.18.1.5\", Port: 1435));"),
            _ => text,
        });

        // payroll moves to .104 and to a port where nothing listens: the verify fails, and the rollback's reload binds the
        // old address again, so that address must be up before it.
        var apply = await rehearsal.ApplyToolAsync("apply", broken);
        log.WriteLine(apply.Output.Trim());
        Assert.True(apply.ExitCode == 24, "a moved VIP whose verify fails: " + apply.Output);
        Assert.Equal(live, await LiveConfigAsync());
        var addresses = (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput;
        Assert.Matches(@"inet 198\.18\.0\.102/24 brd 198\.18\.0\.255 scope global secondary ens18:2\n", addresses);
        Assert.DoesNotContain("198.18.0.104", addresses);
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
        var nc = await rehearsal.OnClientAsync("nc", "-vz", "-w", "3", "198.18.0.102", "1433");
        Assert.True(nc.ExitCode == 0, nc.Output);
    }

    [RehearsalFact]
    public async Task A_view_added_then_rolled_back_leaves_named_with_the_old_views()
    {
        await ReachAsync(Base);
        var lab = Variant("deploy-lab-view", Base, (file, text) => file == "DnsViews.cs"
            ? Edit(text, "    // No endpoint is published here", "    public static readonly DnsView Lab = new(Name: \"lab\", MatchClients: [\"198.18.9.0/24\"], Kind: ViewKind.Internal);\n\n    // No endpoint is published here")
            : text);
        var apply = await rehearsal.ApplyToolAsync("apply", lab);
        Assert.True(apply.ExitCode == 0, apply.Output);

        // The rollback's reconfig drops the lab view and its zone with it: reloading that zone then fails ("no matching view").
        var rollback = await rehearsal.ApplyToolAsync("rollback", lab, "--host", Lef.Infra.Emit.Writers.DnsLayout.Host);
        log.WriteLine(rollback.Output.Trim());
        Assert.True(rollback.ExitCode == 0, "rollback of an added view: " + rollback.Output);
        Assert.Equal("198.18.0.101", (await rehearsal.OnClientAsync("dig", "+short", "@" + Rehearsal.NameServerAddress, "orders.db.lef", "A")).StandardOutput.Trim());
        await ReachAsync(Base);
    }

    [RehearsalFact]
    public async Task A_pool_moved_to_another_interface_takes_its_old_stanzas_down_and_off_the_host()
    {
        await ReachAsync(Base);
        await rehearsal.Proxy.RunAsync("sh", "-c", "ip link show ens19 >/dev/null 2>&1 || { ip link add ens19 type dummy && ip link set ens19 up; }");
        var moved = Variant("deploy-ens19", Base, (file, text) => file == "Pools.cs" ? Edit(text, "Interface: \"ens18\"", "Interface: \"ens19\"") : text);

        // The old file is no deployable any more; without its removal ens18:1 and ens18:2 stay up, and come up again at boot.
        var plan = await rehearsal.ApplyToolAsync("plan", moved);
        Assert.Contains("# " + Rehearsal.ProxyHost + ":/etc/network/interfaces.d/lef-ens18", plan.StandardOutput);
        Assert.Contains("takes down ens18:1 ens18:2", plan.StandardOutput);
        var apply = await rehearsal.ApplyToolAsync("apply", moved);
        log.WriteLine(apply.StandardOutput.Trim());
        Assert.True(apply.ExitCode == 0, apply.Output);

        Assert.DoesNotContain("198.18.0.10", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
        Assert.Contains("inet 198.18.0.101/24", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens19")).StandardOutput);
        Assert.True((await rehearsal.OnProxyAsync("test", "!", "-e", "/etc/network/interfaces.d/lef-ens18")).ExitCode == 0, "lef-ens18 is still on the host");
        var nc = await rehearsal.OnClientAsync("nc", "-vz", "-w", "3", "payroll.db.lef", "1433");
        Assert.True(nc.ExitCode == 0, nc.Output);

        // A rollback puts the old file back and takes the new one away, though deploy/ names neither.
        var rollback = await rehearsal.ApplyToolAsync("rollback", moved, "--host", Rehearsal.ProxyHost);
        log.WriteLine(rollback.StandardOutput.Trim());
        Assert.True(rollback.ExitCode == 0, rollback.Output);
        Assert.Contains("inet 198.18.0.101/24", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
        Assert.DoesNotContain("198.18.0.10", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens19")).StandardOutput);
        Assert.True((await rehearsal.OnProxyAsync("test", "!", "-e", "/etc/network/interfaces.d/lef-ens19")).ExitCode == 0, "lef-ens19 is still on the host");

        await ReachAsync(Base);
        Assert.Contains("inet 198.18.0.101/24", (await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18")).StandardOutput);
    }

    private static string NextEdit(string file, string text, int payrollPort) => file switch
    {
        "Vips.cs" => Edit(text, "Alias: 2);", "Alias: 2);\n\n    public static readonly Vip Reports = new(Pool: Pools.Proxy, Address: \"198.18.0.103\", Alias: 3);"),
        "Endpoints.cs" => Edit(
            Edit(text, "Backend: new Backend(Host: \"198.18.1.5\", Port: Ports.SqlServer));", "Backend: new Backend(Host: \"198.18.1.5\", Port: " + payrollPort.ToString(CultureInfo.InvariantCulture) + "));"),
            "public static readonly Endpoint Payroll",
            "public static readonly Endpoint Reports = new(Name: \"reports\", Vip: Vips.Reports, Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"198.18.1.5\", Port: Ports.PostgreSql));\n\n    public static readonly Endpoint Payroll"),
        _ => text,
    };

    private static string Edit(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static string Line(string output, string containing) =>
        output.Split('\n').FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal))?.Trim() ?? "(no line with '" + containing + "')";

    private static string Status(ToolResult dig) => StatusLine().Match(dig.StandardOutput).Groups[1].Value;

    /// <summary>When <paramref name="holds"/> was last seen true (polled every 100 ms until cancelled).</summary>
    private static async Task<TimeSpan> WatchAsync(Stopwatch clock, CancellationToken stop, Func<Task<bool>> holds)
    {
        var last = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            if (await holds())
            {
                last = clock.Elapsed;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return last;
    }

    [GeneratedRegex(@"status: (\w+)")]
    private static partial Regex StatusLine();

    private string Variant(string name, string from, Func<string, string, string> edit) =>
        Variants.GetOrAdd(rehearsal.Directory + "/" + name, _ => rehearsal.EmitVariant(name, from, edit));

    private async Task<string> LiveConfigAsync() => (await rehearsal.OnProxyAsync("cat", ProxyConfig)).StandardOutput;

    /// <summary>Applies a deploy folder and waits until HAProxy's checks pass: the state a test starts from.</summary>
    private async Task ReachAsync(string deploy)
    {
        var apply = await rehearsal.ApplyToolAsync("apply", deploy, "--removal-wait", "1");
        Assert.True(apply.ExitCode is 0 or 20, "apply " + Path.GetFileName(deploy) + ": " + apply.Output);
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>A TCP server that is not a SQL Server: it answers anything with one line, so a routed connection is seen.</summary>
    private sealed class Impostor : IDisposable
    {
        private readonly Socket listener;
        private readonly CancellationTokenSource stop = new();
        private int replies;

        public Impostor(NetworkNamespace host, IPEndPoint endpoint)
        {
            listener = host.Socket();
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endpoint);
            listener.Listen(64);
            _ = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var connection = await listener.AcceptAsync(stop.Token);
                        await connection.SendAsync("not a sql server\n"u8.ToArray(), SocketFlags.None);
                        Interlocked.Increment(ref replies);
                    }
                    catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                    {
                        return;
                    }
                }
            });
        }

        public int Replies => replies;

        public void Dispose()
        {
            stop.Cancel();
            listener.Dispose();
        }
    }
}
