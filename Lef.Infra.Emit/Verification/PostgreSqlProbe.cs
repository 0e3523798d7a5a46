using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>
/// Sends a PostgreSQL SSLRequest and expects the one-byte answer every server gives before authentication ('S' or 'N').
/// Needs no role or password, and HAProxy cannot give it: a reply means a PostgreSQL backend answered through the VIP.
/// </summary>
internal static class PostgreSqlProbe
{
    /// <summary>Length 8, then the SSLRequest code 80877103 (1234 in the high 16 bits, 5679 in the low), big-endian.</summary>
    public static readonly byte[] SslRequest = [0x00, 0x00, 0x00, 0x08, 0x04, 0xD2, 0x16, 0x2F];

    public static async Task<CheckResult> CheckAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await TcpConnect.OpenAsync(target, timeout, deadline.Token);
            await socket.SendAsync(SslRequest, System.Net.Sockets.SocketFlags.None, deadline.Token);
            var reply = await Wire.ReadAsync(socket, 1, deadline.Token);
            return reply switch
            {
                [] => CheckResult.Fail("closed without a reply to SSLRequest (no PostgreSQL server behind " + target + ")"),
                [(byte)'S'] => CheckResult.Pass("PostgreSQL answered SSLRequest (TLS available)"),
                [(byte)'N'] => CheckResult.Pass("PostgreSQL answered SSLRequest (no TLS)"),
                [(byte)'E'] => CheckResult.Fail("PostgreSQL sent an error instead of answering SSLRequest"),
                _ => CheckResult.Fail("not PostgreSQL: answered SSLRequest with 0x" + Convert.ToHexString(reply)),
            };
        }
        catch (Exception e) when (TcpConnect.Describe(e, timeout) is { } reason)
        {
            return CheckResult.Fail("SSLRequest to " + target + ": " + reason);
        }
    }
}
