using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

/// <summary>
/// The real haproxy on loopback for one test, in the foreground until disposed: an admin socket in the test's folder, TCP
/// defaults, and one listen on a free port whose other lines (checks, servers) the test writes.
/// </summary>
internal sealed class LoopbackHaproxy : IDisposable
{
    private readonly BackgroundProcess process;

    private LoopbackHaproxy(string socket, IPEndPoint endPoint, BackgroundProcess process)
    {
        Socket = socket;
        EndPoint = endPoint;
        this.process = process;
    }

    /// <summary>The admin socket.</summary>
    public string Socket { get; }

    /// <summary>Where the listen binds.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>What haproxy printed (its notices and warnings).</summary>
    public string Output => process.Output;

    /// <param name="folder">Where the config and the socket go.</param>
    /// <param name="listen">The listen's name.</param>
    /// <param name="body">The listen's lines after its bind, indented as in haproxy.cfg.</param>
    /// <param name="global">More global lines.</param>
    /// <param name="defaults">More defaults lines.</param>
    public static LoopbackHaproxy Start(TempDirectory folder, string listen, string body, string global = "", string defaults = "")
    {
        var socket = folder.Combine("admin.sock");
        var endPoint = new IPEndPoint(IPAddress.Loopback, Verification.LoopbackEstate.FreePort(IPAddress.Loopback));
        var config = folder.Combine("haproxy.cfg");
        File.WriteAllText(config,
            "global\n    stats socket " + socket + " mode 600 level admin\n" + global
            + "defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 10s\n    timeout server 10s\n" + defaults
            + "listen " + listen + "\n    bind " + endPoint + "\n" + body);
        return new LoopbackHaproxy(socket, endPoint, BackgroundProcess.Start("haproxy", ["-db", "-f", config]));
    }

    /// <summary>One admin-socket command's answer.</summary>
    public async Task<string> AskAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
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

    /// <summary>Asks <paramref name="command"/> until its answer satisfies <paramref name="done"/>; fails with the last answer after 15 s.</summary>
    public async Task<string> WaitForAsync(string command, Func<string, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var answer = string.Empty;
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            answer = File.Exists(Socket) ? await AskAsync(command) : string.Empty;
            if (done(answer))
            {
                return answer;
            }

            await Task.Delay(50);
        }

        Assert.Fail(command + " never answered as expected; last answer:\n" + answer + "\nhaproxy:\n" + Output);
        return answer;
    }

    public void Dispose() => process.Dispose();
}

/// <summary>A loopback TCP server for a test's health checks: every connection gets <c>reply</c>, after <c>delay</c>, then is closed.</summary>
internal sealed class ScriptedBackend : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task answering;

    public ScriptedBackend(string reply, TimeSpan delay)
    {
        listener.Start();
        answering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        await Task.Delay(delay, stop.Token);
                        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(reply), stop.Token);
                    }
                });
            }
        });
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await Task.WhenAny(answering);
        stop.Dispose();
    }
}
