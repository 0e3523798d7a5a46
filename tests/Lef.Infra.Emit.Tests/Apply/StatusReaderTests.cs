using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Lef.Infra.Emit.Apply;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

/// <summary><c>status</c>'s reading of <c>show stat</c>, on what the real HAProxy answers: UP, DRAIN, DOWN, the check and sessions.</summary>
public sealed class StatusReaderTests
{
    [Fact]
    public async Task Show_stat_from_the_real_haproxy_reads_as_up_drain_and_down()
    {
        using var folder = new TempDirectory();
        var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        using var haproxy = LoopbackHaproxy.Start(folder, "orders-5432", $"    server orders 127.0.0.1:{((IPEndPoint)backend.LocalEndpoint).Port} check inter 200ms rise 1 fall 1\n");
        try
        {
            var up = await WaitForAsync(haproxy, s => s.State == "UP" && s.Check == "L4OK");
            Assert.Equal(("orders-5432", "orders", 0), (up.Listen, up.Server, up.Sessions));

            Assert.Equal(string.Empty, (await haproxy.AskAsync("set server orders-5432/orders state drain")).Trim());
            await WaitForAsync(haproxy, s => s.State == "DRAIN");

            backend.Stop();
            var down = await WaitForAsync(haproxy, s => s.State == "DOWN");
            Assert.StartsWith("L4", down.Check, StringComparison.Ordinal);
        }
        finally
        {
            backend.Stop();
        }
    }

    [Fact]
    public async Task A_check_in_progress_reads_as_the_last_finished_check()
    {
        // A backend that answers each check after 600 ms: with inter 100ms a check is running most of the time, and
        // HAProxy's check_status reads "* L7OK" then. Status shows the last result, so the star must not leak into it.
        using var folder = new TempDirectory();
        await using var backend = new ScriptedBackend("ready\n", TimeSpan.FromMilliseconds(600));
        using var haproxy = LoopbackHaproxy.Start(
            folder,
            "orders-5432",
            $"    option tcp-check\n    tcp-check expect string ready\n    server orders 127.0.0.1:{backend.Port} check inter 100ms rise 1 fall 1\n",
            defaults: "    timeout check 5s\n");

        var csv = await haproxy.WaitForAsync("show stat", answer => answer.Contains(",* L7OK,", StringComparison.Ordinal));

        var row = Assert.Single(StatusReader.Parse(csv));
        Assert.Equal(("UP", "L7OK"), (row.State, row.Check));
    }

    [Fact]
    public async Task A_quoted_check_reason_and_an_unchecked_server_read_as_haproxy_wrote_them()
    {
        // HAProxy quotes a CSV field that holds a comma: a check's reason, here an HTTP status line. The reason must be read
        // whole, and the fields after it stay where they are.
        using var folder = new TempDirectory();
        await using var backend = new ScriptedBackend("HTTP/1.0 503 Service Unavailable, really\r\n\r\n", TimeSpan.Zero);
        var server = "127.0.0.1:" + backend.Port;
        using var haproxy = LoopbackHaproxy.Start(folder, "web-80", $"    option httpchk\n    server web {server} check inter 200ms rise 1 fall 1\n    server spare {server}\n");

        var csv = await haproxy.WaitForAsync("show stat", answer => answer.Contains("\"Service Unavailable, really\"", StringComparison.Ordinal));

        var rows = StatusReader.Parse(csv);
        var web = Assert.Single(rows, r => r.Server == "web");
        Assert.Equal(("DOWN", "L7STS", "Service Unavailable, really", 0), (web.State, web.Check, web.CheckDetail, web.Sessions));
        Assert.Equal("no check", Assert.Single(rows, r => r.Server == "spare").State);
    }

    private static async Task<ServerStatus> WaitForAsync(LoopbackHaproxy haproxy, Func<ServerStatus, bool> state)
    {
        var csv = await haproxy.WaitForAsync("show stat", answer => StatusReader.Parse(answer).SingleOrDefault() is { } row && state(row));
        return StatusReader.Parse(csv).Single();
    }
}
