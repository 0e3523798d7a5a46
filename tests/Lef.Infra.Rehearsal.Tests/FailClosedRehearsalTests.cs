using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// "Fail closed when the backend is unhealthy", measured: PostgreSQL stops, HAProxy refuses new connections and cuts the
/// open session within its check window, never routes anywhere else, and routes again once PostgreSQL is back.
/// </summary>
public sealed partial class FailClosedRehearsalTests(Rehearsal rehearsal, ITestOutputHelper output) : IClassFixture<Rehearsal>
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    [RehearsalFact]
    public async Task Stopping_postgres_fails_closed_within_the_check_window_and_starting_it_again_recovers()
    {
        var orders = rehearsal.Vip("orders", 5432);
        var timers = rehearsal.Timers;
        Assert.Equal(ProbeOutcome.Answered, await VipProbe.PostgreSqlAsync(rehearsal.Client, orders, ProbeTimeout));

        // Two open sessions through the VIP: one held by the test (exact timing), one a real psql running a long query.
        using var session = await PostgreSqlSession.OpenAsync(rehearsal.Client.Socket(), orders, Rehearsal.PostgreSqlUser, "postgres", TimeSpan.FromSeconds(5));
        Assert.Equal("1", await session.ScalarAsync("select 1", TimeSpan.FromSeconds(5)));
        using var longQuery = BackgroundProcess.Start("ip", [
            "netns", "exec", rehearsal.Client.Name, "psql", "host=orders.db.lef user=" + Rehearsal.PostgreSqlUser + " dbname=postgres sslmode=disable", "-c", "select pg_sleep(120)"]);
        await WaitUntilAsync(async () => (await rehearsal.Postgres.SqlAsync("select count(*) from pg_stat_activity where query = 'select pg_sleep(120)'")).StandardOutput.Trim() == "1", TimeSpan.FromSeconds(10), "psql's query never reached PostgreSQL");

        // Smart shutdown: PostgreSQL takes no new session but keeps the open ones, so whatever cuts them is HAProxy.
        var clock = Stopwatch.StartNew();
        rehearsal.Postgres.BeginSmartShutdown();
        var sessionEnd = session.WaitForEndAsync(() => clock.Elapsed, timers.DownWindow + TimeSpan.FromSeconds(5));
        var probes = await ProbeUntilAsync(rehearsal, orders, clock, ProbeOutcome.RefusedOrClosed, timers.DownWindow + TimeSpan.FromSeconds(2));
        var failClosed = probes.First(p => p.Outcome == ProbeOutcome.RefusedOrClosed).At;
        var cut = await sessionEnd;
        var psqlEnded = await longQuery.WaitForExitAsync(TimeSpan.FromSeconds(5)) ? clock.Elapsed : (TimeSpan?)null;

        Assert.True(failClosed <= timers.DownWindow, $"first refused connection after {failClosed}, beyond the check window {timers.DownWindow}");
        Assert.DoesNotContain(probes, p => p.Outcome == ProbeOutcome.NoAnswer);
        Assert.True(cut.At <= timers.DownWindow, $"open session cut after {cut.At}, beyond the check window {timers.DownWindow}");
        Assert.Null(cut.ServerMessage);
        Assert.True(psqlEnded is not null, "psql's session was not cut:\n" + longQuery.Output);
        Assert.NotEqual(0, longQuery.ExitCode);
        Assert.Contains("server closed the connection unexpectedly", longQuery.Output);

        // Once down, it stays closed: every new connection is refused while PostgreSQL is away.
        foreach (var _ in Enumerable.Range(0, 5))
        {
            Assert.Equal(ProbeOutcome.RefusedOrClosed, await VipProbe.PostgreSqlAsync(rehearsal.Client, orders, ProbeTimeout));
        }

        Assert.True(await rehearsal.Postgres.StopAsync(TimeSpan.FromSeconds(15)), "PostgreSQL did not stop");
        await rehearsal.WaitForServersAsync(TimeSpan.FromSeconds(5), server: "orders", up: false);
        await VerifyNamesTheBrokenEndpointAsync();

        // Back up: from the start command to the first connection routed again.
        var restart = Stopwatch.StartNew();
        await rehearsal.Postgres.StartAsync();
        var ready = restart.Elapsed;
        var recovery = await ProbeUntilAsync(rehearsal, orders, restart, ProbeOutcome.Answered, ready + timers.UpWindow + TimeSpan.FromSeconds(2));
        var recovered = recovery[^1].At;
        Assert.Equal(ProbeOutcome.Answered, recovery[^1].Outcome);
        Assert.True(recovered - ready <= timers.UpWindow, $"routed again {recovered - ready} after PostgreSQL was ready, beyond the rise window {timers.UpWindow}");
        var psql = await rehearsal.PsqlAsync("orders.db.lef", "select 1");
        Assert.True(psql.ExitCode == 0 && psql.StandardOutput.Trim() == "1", psql.Output);
        var verify = await rehearsal.VerifyAsync("--dns-server", Rehearsal.NameServerAddress);
        Assert.True(verify.ExitCode == 0, verify.Output);

        AssertNothingWasRoutedElsewhere(session.LocalEndPoint);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check window: inter {timers.Interval.TotalSeconds}s fall {timers.Fall} rise {timers.Rise} timeout check {timers.CheckTimeout.TotalSeconds}s; down bound {timers.DownWindow.TotalSeconds}s, up bound {timers.UpWindow.TotalSeconds}s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fail-closed delay (PostgreSQL stopping -> first refused connection): {failClosed.TotalSeconds:0.00}s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open session cut after: {cut.At.TotalSeconds:0.00}s ({cut.How}); psql's long query ended after {psqlEnded!.Value.TotalSeconds:0.00}s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recovery delay (PostgreSQL start -> first routed connection): {recovered.TotalSeconds:0.00}s, of which PostgreSQL startup {ready.TotalSeconds:0.00}s and HAProxy rise {(recovered - ready).TotalSeconds:0.00}s"));
    }

    /// <summary>verify, run by an operator on the client host: non-zero, the probe named as the failing check, the other endpoint fine.</summary>
    private async Task VerifyNamesTheBrokenEndpointAsync()
    {
        var verify = await rehearsal.VerifyAsync("--dns-server", Rehearsal.NameServerAddress);
        Assert.True(verify.ExitCode == Lef.Infra.Emit.Verification.VerifyCommand.Failed, "verify should fail with " + Lef.Infra.Emit.Verification.VerifyCommand.Failed + ":\n" + verify.Output);
        Assert.Contains("| orders.db.lef | 198.18.0.101 | 5432 | PostgreSql | ok | ok | ok | FAIL |", verify.StandardOutput);
        Assert.Contains("| payroll.db.lef | 198.18.0.102 | 1433 | SqlServer | ok | ok | ok | ok |", verify.StandardOutput);
        Assert.Contains("FAIL orders.db.lef:5432 probe: closed without a reply to SSLRequest", verify.StandardOutput);
        Assert.Contains("verify: 1 of 2 endpoint(s) failed", verify.StandardOutput);

        var payroll = await rehearsal.VerifyAsync("--dns-server", Rehearsal.NameServerAddress, "--endpoint", "payroll");
        Assert.True(payroll.ExitCode == 0, payroll.Output);
        output.WriteLine("verify while PostgreSQL is down:\n" + verify.StandardOutput);
    }

    /// <summary>Every connection to orders-5432 went to its one server or to none; SQL Server's stand-in only ever saw PRELOGIN checks.</summary>
    private void AssertNothingWasRoutedElsewhere(IPEndPoint heldSession)
    {
        var lines = rehearsal.Log.Lines.Select(l => TcpLogLine().Match(l)).Where(m => m.Success && m.Groups["frontend"].Value == "orders-5432").ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, m => Assert.Contains(m.Groups["server"].Value, new[] { "orders-5432/orders", "orders-5432/<NOSRV>" }));
        Assert.Contains(lines, m => m.Groups["server"].Value == "orders-5432/<NOSRV>");

        // tcplog termination state "D": HAProxy killed the session because the server went down (shutdown-sessions).
        var held = Assert.Single(lines, m => m.Groups["client"].Value == heldSession.ToString());
        Assert.StartsWith("D", held.Groups["state"].Value, StringComparison.Ordinal);

        Assert.NotEmpty(rehearsal.SqlServer.Connections);
        Assert.All(rehearsal.SqlServer.Connections, c => Assert.True(c.IsPrelogin, "SQL Server's stand-in got 0x" + Convert.ToHexString(c.FirstBytes)));
    }

    private static async Task<List<(TimeSpan At, ProbeOutcome Outcome)>> ProbeUntilAsync(Rehearsal rehearsal, IPEndPoint target, Stopwatch clock, ProbeOutcome wanted, TimeSpan limit)
    {
        var probes = new List<(TimeSpan, ProbeOutcome)>();
        while (clock.Elapsed < limit)
        {
            var outcome = await VipProbe.PostgreSqlAsync(rehearsal.Client, target, ProbeTimeout);
            probes.Add((clock.Elapsed, outcome));
            if (outcome == wanted)
            {
                return probes;
            }

            await Task.Delay(ProbeInterval);
        }

        Assert.Fail($"no {wanted} connection within {limit}: " + string.Join(", ", probes.Select(p => p.Item2).Distinct()));
        return probes;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, message);
            await Task.Delay(100);
        }
    }

    // <134>Nov 23 19:49:41 haproxy[10582]: 198.18.0.10:50454 [23/Nov/2026:19:49:38.929] orders-5432 orders-5432/orders 1/0/2745 417 D- 1/1/0/0/0 0/0
    [GeneratedRegex(@"haproxy\[\d+\]: (?<client>[\d.]+:\d+) \[[^\]]+\] (?<frontend>\S+) (?<server>\S+) \S+ \d+ (?<state>\S\S) ")]
    private static partial Regex TcpLogLine();
}
