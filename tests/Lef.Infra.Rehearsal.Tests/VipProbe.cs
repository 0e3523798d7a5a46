using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Verification;

namespace Lef.Infra.Rehearsal.Tests;

internal enum ProbeOutcome
{
    /// <summary>A PostgreSQL server answered the SSLRequest: HAProxy routed the connection.</summary>
    Answered,

    /// <summary>Refused, reset or closed without a byte: fail closed.</summary>
    RefusedOrClosed,

    /// <summary>Neither within the deadline.</summary>
    NoAnswer,
}

/// <summary>A new connection to VIP:port from the client namespace with a PostgreSQL SSLRequest: was anything behind it?</summary>
internal static class VipProbe
{
    public static async Task<ProbeOutcome> PostgreSqlAsync(NetworkNamespace client, IPEndPoint target, TimeSpan timeout)
    {
        using var socket = client.Socket();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(target, deadline.Token);
            await socket.SendAsync(PostgreSqlProbe.SslRequest, SocketFlags.None, deadline.Token);
            var reply = new byte[1];
            return await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Token) == 0 ? ProbeOutcome.RefusedOrClosed : ProbeOutcome.Answered;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return ProbeOutcome.RefusedOrClosed;
        }
        catch (OperationCanceledException)
        {
            return ProbeOutcome.NoAnswer;
        }
    }
}
