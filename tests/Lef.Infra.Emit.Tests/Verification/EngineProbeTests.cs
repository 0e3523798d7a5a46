using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Verification;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>
/// verify's MySQL and Redis probes against the real servers (MariaDB, redis-server), and through the real HAProxy with
/// its backend down: HAProxy accepts the connection and closes it, so a TCP connect alone would pass an endpoint whose
/// database is gone.
/// </summary>
public sealed class EngineProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task MySql_probe_reads_mariadbs_greeting_and_fails_through_haproxy_with_the_backend_down()
    {
        using var folder = new TempDirectory();
        var install = await Tool.RunAsync("mariadb-install-db", ["--no-defaults", "--datadir=" + folder.Combine("data"), "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"], TimeSpan.FromSeconds(120));
        Assert.True(install.ExitCode == 0, install.Output);
        var port = LoopbackEstate.FreePort(IPAddress.Loopback);
        using var server = BackgroundProcess.Start("mariadbd", [
            "--no-defaults", "--datadir=" + folder.Combine("data"), "--socket=" + folder.Combine("mysqld.sock"), "--pid-file=" + folder.Combine("mysqld.pid"),
            "--port=" + port, "--bind-address=127.0.0.1", "--user=root", "--skip-log-error", "--skip-name-resolve"]);
        await server.WaitForOutputAsync("ready for connections", TimeSpan.FromSeconds(60));

        var greeted = await MySqlProbe.CheckAsync(new IPEndPoint(IPAddress.Loopback, port), Timeout, CancellationToken.None);
        Assert.True(greeted.Outcome == CheckOutcome.Passed, greeted.Detail);
        Assert.Matches(@"^MySQL greeting \(version [\d.]+-\d+\.\d+\.\d+-MariaDB\S*\)$", greeted.Detail);

        var down = await ThroughHaproxyWithTheBackendDownAsync(folder, proxy => MySqlProbe.CheckAsync(proxy, Timeout, CancellationToken.None));
        Assert.Equal(CheckOutcome.Failed, down.Outcome);
        Assert.StartsWith("closed without a greeting (no MySQL server behind 127.0.0.1:", down.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_probe_gets_pong_fails_on_noauth_and_fails_through_haproxy_with_the_backend_down()
    {
        using var folder = new TempDirectory();
        var open = LoopbackEstate.FreePort(IPAddress.Loopback);
        using var redis = StartRedis(folder, open);
        var locked = LoopbackEstate.FreePort(IPAddress.Loopback);
        using var guarded = StartRedis(folder, locked, "--requirepass", "secret");
        await redis.WaitForOutputAsync("Ready to accept connections", TimeSpan.FromSeconds(30));
        await guarded.WaitForOutputAsync("Ready to accept connections", TimeSpan.FromSeconds(30));

        Assert.Equal(
            (CheckOutcome.Passed, "Redis answered PING with +PONG"),
            Pair(await RedisProbe.CheckAsync(new IPEndPoint(IPAddress.Loopback, open), Timeout, CancellationToken.None)));

        // HAProxy's redis-check gets the same answer and marks such a server down: the endpoint does not work.
        var noauth = await RedisProbe.CheckAsync(new IPEndPoint(IPAddress.Loopback, locked), Timeout, CancellationToken.None);
        Assert.Equal(CheckOutcome.Failed, noauth.Outcome);
        Assert.StartsWith("answered PING with '-NOAUTH", noauth.Detail, StringComparison.Ordinal);

        var down = await ThroughHaproxyWithTheBackendDownAsync(folder, proxy => RedisProbe.CheckAsync(proxy, Timeout, CancellationToken.None));
        Assert.Equal(CheckOutcome.Failed, down.Outcome);
        Assert.StartsWith("closed without a reply to PING (no Redis server behind 127.0.0.1:", down.Detail, StringComparison.Ordinal);
    }

    private static (CheckOutcome, string) Pair(CheckResult result) => (result.Outcome, result.Detail);

    private static BackgroundProcess StartRedis(TempDirectory folder, int port, params string[] more) =>
        BackgroundProcess.Start("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--dir", folder.Path, .. more]);

    /// <summary>The probe through a real HAProxy listen whose one server is down (nothing listens on its port).</summary>
    private static async Task<CheckResult> ThroughHaproxyWithTheBackendDownAsync(TempDirectory folder, Func<IPEndPoint, Task<CheckResult>> probe)
    {
        var dead = LoopbackEstate.FreePort(IPAddress.Loopback);
        using var haproxy = Apply.LoopbackHaproxy.Start(folder, "db", $"    server db 127.0.0.1:{dead} check inter 200ms fall 1\n");

        // Once its check has marked the server down, HAProxy accepts each connection and closes it: no server to send it to.
        await haproxy.WaitForAsync("show stat", answer => Lef.Infra.Emit.Apply.StatusReader.Parse(answer).SingleOrDefault()?.State == "DOWN");
        return await probe(haproxy.EndPoint);
    }
}
