using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Lef.Infra.Emit.Apply;
using Lef.Infra.Testing;
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
        var frontend = new TcpListener(IPAddress.Loopback, 0);
        frontend.Start();
        var port = ((IPEndPoint)frontend.LocalEndpoint).Port;
        frontend.Stop();
        var socket = folder.Combine("admin.sock");
        System.IO.File.WriteAllText(folder.Combine("haproxy.cfg"), $"""
            global
                stats socket {socket} mode 600 level admin
            defaults
                mode tcp
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            listen orders-5432
                bind 127.0.0.1:{port}
                server orders 127.0.0.1:{((IPEndPoint)backend.LocalEndpoint).Port} check inter 200ms rise 1 fall 1

            """);
        using var haproxy = BackgroundProcess.Start("haproxy", ["-db", "-f", folder.Combine("haproxy.cfg")]);
        try
        {
            var up = await WaitForAsync(socket, s => s.State == "UP" && s.Check == "L4OK");
            Assert.Equal(("orders-5432", "orders", 0), (up.Listen, up.Server, up.Sessions));

            Assert.Equal(string.Empty, (await AskAsync(socket, "set server orders-5432/orders state drain")).Trim());
            await WaitForAsync(socket, s => s.State == "DRAIN");

            backend.Stop();
            var down = await WaitForAsync(socket, s => s.State == "DOWN");
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
        var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        using var stop = new System.Threading.CancellationTokenSource();
        var answering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await backend.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        await Task.Delay(600);
                        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("ready\n"));
                    }
                });
            }
        });
        var frontend = new TcpListener(IPAddress.Loopback, 0);
        frontend.Start();
        var port = ((IPEndPoint)frontend.LocalEndpoint).Port;
        frontend.Stop();
        var socket = folder.Combine("admin.sock");
        System.IO.File.WriteAllText(folder.Combine("haproxy.cfg"), $"""
            global
                stats socket {socket} mode 600 level admin
            defaults
                mode tcp
                timeout connect 1s
                timeout client 10s
                timeout server 10s
                timeout check 5s
            listen orders-5432
                bind 127.0.0.1:{port}
                option tcp-check
                tcp-check expect string ready
                server orders 127.0.0.1:{((IPEndPoint)backend.LocalEndpoint).Port} check inter 100ms rise 1 fall 1

            """);
        using var haproxy = BackgroundProcess.Start("haproxy", ["-db", "-f", folder.Combine("haproxy.cfg")]);
        try
        {
            var clock = Stopwatch.StartNew();
            var csv = string.Empty;
            while (!csv.Contains(",* L7OK,", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50);
                csv = System.IO.File.Exists(socket) ? await AskAsync(socket, "show stat") : string.Empty;
            }

            Assert.Contains(",* L7OK,", csv, StringComparison.Ordinal);
            var row = Assert.Single(StatusReader.Parse(csv));
            Assert.Equal(("UP", "L7OK"), (row.State, row.Check));
        }
        finally
        {
            stop.Cancel();
            backend.Stop();
            await Task.WhenAny(answering);
        }
    }

    [Fact]
    public async Task A_quoted_check_reason_and_an_unchecked_server_read_as_haproxy_wrote_them()
    {
        // HAProxy quotes a CSV field that holds a comma: a check's reason, here an HTTP status line. Split on every comma, the
        // reason was cut at its comma and the fields after it shifted.
        using var folder = new TempDirectory();
        var backend = new TcpListener(IPAddress.Loopback, 0);
        backend.Start();
        using var stop = new System.Threading.CancellationTokenSource();
        var answering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await backend.AcceptTcpClientAsync(stop.Token);
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.0 503 Service Unavailable, really\r\n\r\n"), stop.Token);
            }
        });
        var frontend = new TcpListener(IPAddress.Loopback, 0);
        frontend.Start();
        var port = ((IPEndPoint)frontend.LocalEndpoint).Port;
        frontend.Stop();
        var socket = folder.Combine("admin.sock");
        var server = "127.0.0.1:" + ((IPEndPoint)backend.LocalEndpoint).Port;
        System.IO.File.WriteAllText(folder.Combine("haproxy.cfg"), $"""
            global
                stats socket {socket} mode 600 level admin
            defaults
                mode tcp
                timeout connect 1s
                timeout client 10s
                timeout server 10s
            listen web-80
                bind 127.0.0.1:{port}
                option httpchk
                server web {server} check inter 200ms rise 1 fall 1
                server spare {server}

            """);
        using var haproxy = BackgroundProcess.Start("haproxy", ["-db", "-f", folder.Combine("haproxy.cfg")]);
        try
        {
            var clock = Stopwatch.StartNew();
            var csv = string.Empty;
            while (!csv.Contains("\"Service Unavailable, really\"", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(100);
                csv = System.IO.File.Exists(socket) ? await AskAsync(socket, "show stat") : string.Empty;
            }

            Assert.Contains("\"Service Unavailable, really\"", csv, StringComparison.Ordinal);
            var rows = StatusReader.Parse(csv);
            var web = Assert.Single(rows, r => r.Server == "web");
            Assert.Equal(("DOWN", "L7STS", "Service Unavailable, really", 0), (web.State, web.Check, web.CheckDetail, web.Sessions));
            Assert.Equal("no check", Assert.Single(rows, r => r.Server == "spare").State);
        }
        finally
        {
            stop.Cancel();
            backend.Stop();
            await Task.WhenAny(answering);
        }
    }

    private static async Task<ServerStatus> WaitForAsync(string socket, Func<ServerStatus, bool> state)
    {
        var clock = Stopwatch.StartNew();
        var csv = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (System.IO.File.Exists(socket))
            {
                csv = await AskAsync(socket, "show stat");
                if (StatusReader.Parse(csv).SingleOrDefault() is { } row && state(row))
                {
                    return row;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail("show stat never read as expected; last answer:\n" + csv);
        return null!;
    }

    private static async Task<string> AskAsync(string path, string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), SocketFlags.None);
        var text = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }
}
