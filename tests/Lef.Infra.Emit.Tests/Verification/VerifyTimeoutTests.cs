using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Emit.Verification;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>
/// verify --timeout: parsed the same way under every locale, refused when it is no usable number of seconds, and a deadline
/// for all of one endpoint's checks together (a silent DNS server and a silent backend cost one timeout, not two).
/// </summary>
public sealed class VerifyTimeoutTests
{
    [Theory]
    [InlineData("1e7")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("1,5")]
    [InlineData("three")]
    public void A_timeout_that_is_no_usable_number_of_seconds_is_exit_4_with_one_line(string value)
    {
        var verify = Emitter.Run("verify", "--timeout", value);

        Assert.Equal(Cli.Usage, verify.ExitCode);
        Assert.Equal("error: --timeout must be a number of seconds above 0 and at most 300 (e.g. 1.5), not '" + value + "'\n", verify.StandardError);
        Assert.Empty(verify.StandardOutput);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public void A_timeout_means_the_same_seconds_under_every_locale(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

            Assert.True(VerifyCommand.TryParseTimeout("1.5", out var timeout));
            Assert.Equal(TimeSpan.FromSeconds(1.5), timeout);
            Assert.Equal(Cli.Usage, Emitter.Run("verify", "--timeout", "1,5").ExitCode);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task A_silent_dns_server_and_a_silent_backend_cost_one_timeout_not_two()
    {
        var vip = IPAddress.Parse("127.0.2.10");
        using var silentDns = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silentDns.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var silentBackend = new TcpListener(vip, 0);
        silentBackend.Start();
        try
        {
            var port = ((IPEndPoint)silentBackend.LocalEndpoint).Port;
            using var topology = TopologySources.Compile(new Dictionary<string, string>
            {
                ["Estate.cs"] = $$"""
                    using Lef.Infra.Dsl;
                    namespace T;
                    public static class Estate
                    {
                        public static readonly VipPool Pool = new(Host: "proxy.loopback.lef", Interface: "lo", Network: "127.0.2.0/24", First: "127.0.2.10", Last: "127.0.2.20");
                        public static readonly Vip Quiet = new(Pool: Pool, Address: "{{vip}}", Alias: 1);
                        public static readonly Endpoint QuietDb = new(Name: "quiet", Vip: Quiet, Port: {{port}}, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-quiet.core.lef", Port: 5432));
                    }
                    """,
            });
            var verify = Emitter.Run(
                "verify", "--topology", topology.Directory, "--dns-server", silentDns.LocalEndPoint!.ToString()!, "--timeout", "1.5");
            Assert.Equal(VerifyCommand.Failed, verify.ExitCode);
            Assert.Contains("| quiet.db.lef | 127.0.2.10 | " + port + " | PostgreSql | FAIL | - | ok | FAIL |", verify.StandardOutput);

            // Timed apart from the CLI run, which also compiles the topology: the deadline governs the checks, not the load.
            var (checks, elapsed, table) = await TimeChecksAsync(topology, silentDns, roles: null);

            Assert.Equal(CheckOutcome.Failed, checks.Results[Checks.Dns].Outcome);
            Assert.Equal(CheckOutcome.Failed, checks.Results[Checks.Probe].Outcome);
            Assert.True(elapsed >= TimeSpan.FromSeconds(1.4), "took " + elapsed + ": the checks did not wait for their answers\n" + table);
            Assert.True(elapsed < TimeSpan.FromSeconds(2.6), "--timeout 1.5 took " + elapsed + ": the checks ran one after the other\n" + table);
        }
        finally
        {
            silentBackend.Stop();
        }
    }

    [Fact]
    public async Task The_role_query_has_only_the_time_the_probe_left()
    {
        // A PostgreSQL that answers SSLRequest after 1 s, then never answers the login, behind a silent DNS server: the probe
        // passes at about 1 s, and the login may only have the half second left, not wait for the lookup and then take a
        // whole timeout of its own.
        var vip = IPAddress.Parse("127.0.2.11");
        var slowServer = new TcpListener(vip, 0);
        slowServer.Start();
        using var stop = new CancellationTokenSource();
        var serving = ServeSlowSslAnswersAsync(slowServer, TimeSpan.FromSeconds(1), stop.Token);
        using var silentDns = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silentDns.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        try
        {
            var port = ((IPEndPoint)slowServer.LocalEndpoint).Port;
            using var topology = TopologySources.Compile(new Dictionary<string, string>
            {
                ["Estate.cs"] = $$"""
                    using Lef.Infra.Dsl;
                    namespace T;
                    public static class Estate
                    {
                        public static readonly VipPool Pool = new(Host: "proxy.loopback.lef", Interface: "lo", Network: "127.0.2.0/24", First: "127.0.2.10", Last: "127.0.2.20");
                        public static readonly Vip Slow = new(Pool: Pool, Address: "{{vip}}", Alias: 1);
                        public static readonly Cluster Pg = new(Name: "pg", Engine: Engine.PostgreSql,
                            Nodes: [new ClusterNode("pg-1.core.lef", 5432, 8008), new ClusterNode("pg-2.core.lef", 5432, 8008)], Check: RoleCheck.PatroniRest);
                        public static readonly Endpoint SlowDb = new(Name: "slow", Vip: Slow, Port: {{port}}, Cluster: Pg, Role: ClusterRole.Primary);
                    }
                    """,
            });
            var (checks, elapsed, table) = await TimeChecksAsync(topology, silentDns, new EndpointVerification.RoleSettings("postgres"));

            Assert.True(checks.Results[Checks.Probe].Outcome == CheckOutcome.Passed, table);
            Assert.True(checks.Results[Checks.Role].Outcome == CheckOutcome.Failed, table);
            Assert.True(elapsed < TimeSpan.FromSeconds(2.6), "--timeout 1.5 took " + elapsed + ": the role query waited for the lookup or had a timeout of its own\n" + table);
        }
        finally
        {
            await stop.CancelAsync();
            slowServer.Stop();
            await serving;
        }
    }

    /// <summary>The one endpoint's checks with --timeout 1.5, asking <paramref name="dns"/>: their results, how long they took, and a line per check.</summary>
    private static async Task<(EndpointVerification Checks, TimeSpan Elapsed, string Table)> TimeChecksAsync(
        TopologySources topology, Socket dns, EndpointVerification.RoleSettings? roles)
    {
        var model = TopologyLoader.Load(topology.Directory, topology.Directory).Model;
        var timeout = TimeSpan.FromSeconds(1.5);
        var resolution = new NameResolution((IPEndPoint)dns.LocalEndPoint!, timeout);
        var timer = Stopwatch.StartNew();
        var checks = await EndpointVerification.RunAsync(model, model.Endpoints.Single(), resolution, timeout, CancellationToken.None, roles);
        timer.Stop();
        return (checks, timer.Elapsed, string.Join("\n", checks.Results.Select(r => r.Key + ": " + r.Value.Outcome + " " + r.Value.Detail)));
    }

    /// <summary>Every connection: read the 8-byte SSLRequest, answer 'N' (no TLS) after <paramref name="delay"/>, then stay silent.</summary>
    private static async Task ServeSlowSslAnswersAsync(TcpListener listener, TimeSpan delay, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop);
                connections.Add(AnswerLateAsync(client, delay, stop));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private static async Task AnswerLateAsync(TcpClient client, TimeSpan delay, CancellationToken stop)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await stream.ReadExactlyAsync(new byte[8], stop);
                await Task.Delay(delay, stop);
                await stream.WriteAsync("N"u8.ToArray(), stop);
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or EndOfStreamException or SocketException)
            {
            }
        }
    }
}
