using System;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>
/// Reads the greeting a MySQL or MariaDB server sends first (the initial handshake, protocol 10) and reports its version;
/// an error packet instead (0xFF: too many connections, a blocked host) fails with the server's message. Needs no login,
/// and HAProxy cannot give it: a greeting means a server answered through the VIP.
/// </summary>
internal static class MySqlProbe
{
    private const byte ProtocolVersion = 0x0A;
    private const byte ErrorPacket = 0xFF;

    public static async Task<CheckResult> CheckAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await TcpConnect.OpenAsync(target, timeout, deadline.Token);

            // A packet: a 3-byte little-endian length, a sequence number, then the payload.
            var header = await Wire.ReadAsync(socket, 4, deadline.Token);
            if (header.Length < 4)
            {
                return CheckResult.Fail("closed without a greeting (no MySQL server behind " + target + ")");
            }

            var length = header[0] | (header[1] << 8) | (header[2] << 16);
            var payload = await Wire.ReadAsync(socket, Math.Min(length, 512), deadline.Token);
            return payload switch
            {
                [ProtocolVersion, ..] => CheckResult.Pass("MySQL greeting (version " + Text(payload.AsSpan(1)) + ")"),
                [ErrorPacket, _, _, .. var message] => CheckResult.Fail("the server refused the connection: " + Text(message.AsSpan(message is [(byte)'#', ..] ? 6 : 0))),
                _ => CheckResult.Fail("not MySQL: greeted with 0x" + Convert.ToHexString(header) + Convert.ToHexString(payload.AsSpan(0, Math.Min(payload.Length, 16)))),
            };
        }
        catch (Exception e) when (TcpConnect.Describe(e, timeout) is { } reason)
        {
            return CheckResult.Fail("greeting from " + target + ": " + reason);
        }
    }

    /// <summary>Text up to its NUL, printable only.</summary>
    private static string Text(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        var text = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        return Lef.Infra.Dsl.Model.Names.Printable(text);
    }
}
