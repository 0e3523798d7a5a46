using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>A TCP connection with a deadline, and what went wrong in words an operator reads (refused, timed out, reset).</summary>
internal static class TcpConnect
{
    public static async Task<CheckResult> CheckAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            using var socket = await OpenAsync(target, timeout, cancellation);
            return CheckResult.Pass("connected to " + target);
        }
        catch (Exception e) when (Describe(e, timeout) is { } reason)
        {
            return CheckResult.Fail(target + ": " + reason);
        }
    }

    public static async Task<Socket> OpenAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellation)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            await socket.ConnectAsync(target, deadline.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A one-line reason for a network failure, or null for an exception that is not one (a bug: let it surface).</summary>
    public static string? Describe(Exception exception, TimeSpan timeout) => exception switch
    {
        OperationCanceledException => "no answer within " + Seconds(timeout),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.ConnectionReset } => "connection reset",
        SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable } socket => socket.Message.ToLowerInvariant(),
        SocketException socket => socket.Message,
        System.IO.IOException io => io.InnerException is { } inner ? Describe(inner, timeout) : io.Message,
        _ => null,
    };

    public static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s";
}
