using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>
/// Sends PING and expects <c>+PONG</c>, as HAProxy's <c>redis-check</c> does: any other answer (<c>-NOAUTH</c> from a server
/// that wants a password, <c>-LOADING</c>) fails here as it fails HAProxy's check.
/// </summary>
internal static class RedisProbe
{
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    public static async Task<CheckResult> CheckAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await TcpConnect.OpenAsync(target, timeout, deadline.Token);
            await socket.SendAsync(Ping, SocketFlags.None, deadline.Token);
            var line = await LineAsync(socket, deadline.Token);
            return line switch
            {
                "" => CheckResult.Fail("closed without a reply to PING (no Redis server behind " + target + ")"),
                "+PONG" => CheckResult.Pass("Redis answered PING with +PONG"),
                _ => CheckResult.Fail("answered PING with '" + Lef.Infra.Dsl.Model.Names.Printable(line) + "', not +PONG (HAProxy's redis-check fails too)"),
            };
        }
        catch (Exception e) when (TcpConnect.Describe(e, timeout) is { } reason)
        {
            return CheckResult.Fail("PING to " + target + ": " + reason);
        }
    }

    /// <summary>The reply's first line (at most 256 bytes), without its CRLF; empty when the peer closes first.</summary>
    private static async Task<string> LineAsync(Socket socket, CancellationToken cancellation)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < 256 && await socket.ReceiveAsync(one, SocketFlags.None, cancellation) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
