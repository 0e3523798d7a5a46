using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Verification;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>What one new connection through a VIP got: an answer from the backend, or why not; and when.</summary>
internal sealed record Attempt(TimeSpan At, bool Answered, string Outcome);

/// <summary>
/// New connections through one VIP, one after another every <c>interval</c>, each sending the engine's first packet and
/// waiting for the first byte back: refused, reset, closed without a byte or no answer within 2 s all count as failed.
/// Held with <c>await using</c>: a test that ends early (a failed wait, an assertion) stops it too, so it never keeps
/// connecting through the next test's namespaces.
/// </summary>
internal sealed class ConnectionLoad : IAsyncDisposable
{
    /// <summary>The outcome of an attempt that got no byte back before its 2 s deadline.</summary>
    public const string NoAnswer = "no answer in 2 s";

    private readonly List<Attempt> attempts = [];
    private readonly Task running;
    private readonly CancellationTokenSource stop = new();

    private ConnectionLoad(NetworkNamespace client, IPEndPoint target, byte[] hello, TimeSpan interval, Stopwatch clock)
    {
        Target = target;
        running = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var at = clock.Elapsed;
                var outcome = await TryAsync(client, target, hello);
                lock (attempts)
                {
                    attempts.Add(new Attempt(at, outcome == "answered", outcome));
                }

                var wait = interval - (clock.Elapsed - at);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        });
    }

    public IPEndPoint Target { get; }

    public static ConnectionLoad PostgreSql(NetworkNamespace client, IPEndPoint target, Stopwatch clock, int perSecond = 80) =>
        new(client, target, PostgreSqlProbe.SslRequest, TimeSpan.FromSeconds(1.0 / perSecond), clock);

    public static ConnectionLoad SqlServer(NetworkNamespace client, IPEndPoint target, Stopwatch clock, int perSecond = 80) =>
        new(client, target, TdsPreloginProbe.Prelogin, TimeSpan.FromSeconds(1.0 / perSecond), clock);

    public async Task<IReadOnlyList<Attempt>> StopAsync()
    {
        await stop.CancelAsync();
        await running;
        lock (attempts)
        {
            return attempts.ToList();
        }
    }

    /// <summary>Stops the load if the test did not; after <see cref="StopAsync"/> it only releases the token.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    public static string Describe(IPEndPoint target, IReadOnlyList<Attempt> attempts, TimeSpan from, TimeSpan to)
    {
        var window = attempts.Where(a => a.At >= from && a.At <= to).ToList();
        var seconds = Math.Max(0.001, (to - from).TotalSeconds);
        return target + ": " + window.Count + " new connections in " + seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s ("
            + (window.Count / seconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "/s), " + window.Count(a => !a.Answered) + " failed"
            + (window.Any(a => !a.Answered) ? ": " + string.Join(", ", window.Where(a => !a.Answered).GroupBy(a => a.Outcome).Select(g => g.Key + " x" + g.Count())) : string.Empty);
    }

    private static async Task<string> TryAsync(NetworkNamespace client, IPEndPoint target, byte[] hello)
    {
        using var socket = client.Socket();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.ConnectAsync(target, deadline.Token);
            await socket.SendAsync(hello, SocketFlags.None, deadline.Token);
            var reply = new byte[1];
            return await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Token) == 0 ? "closed without a byte" : "answered";
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode.ToString();
        }
        catch (OperationCanceledException)
        {
            return NoAnswer;
        }
    }
}
