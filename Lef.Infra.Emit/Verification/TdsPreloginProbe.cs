using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Verification;

/// <summary>
/// Sends the same TDS PRELOGIN packet as HAProxy's SQL Server check and expects a PRELOGIN response (packet type 0x04),
/// reporting the server version it carries (MS-TDS 2.2.6.5).
/// </summary>
internal static class TdsPreloginProbe
{
    private const int HeaderLength = 8;
    private const byte TabularResult = 0x04;
    private const byte VersionToken = 0x00;
    private const byte Terminator = 0xFF;

    public static readonly byte[] Prelogin = Convert.FromHexString(HaproxyConfigWriter.TdsPrelogin);

    public static async Task<CheckResult> CheckAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await TcpConnect.OpenAsync(target, timeout, deadline.Token);
            await socket.SendAsync(Prelogin, SocketFlags.None, deadline.Token);
            var header = await Wire.ReadAsync(socket, HeaderLength, deadline.Token);
            if (header.Length == 0)
            {
                return CheckResult.Fail("closed without a reply to PRELOGIN (no SQL Server behind " + target + ")");
            }

            if (header.Length < HeaderLength || header[0] != TabularResult)
            {
                return CheckResult.Fail("not SQL Server: answered PRELOGIN with 0x" + Convert.ToHexString(header));
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            var payload = length > HeaderLength ? await Wire.ReadAsync(socket, length - HeaderLength, deadline.Token) : [];
            return CheckResult.Pass("SQL Server answered PRELOGIN" + (Version(payload) is { } version ? " (version " + version + ")" : string.Empty));
        }
        catch (Exception e) when (TcpConnect.Describe(e, timeout) is { } reason)
        {
            return CheckResult.Fail("PRELOGIN to " + target + ": " + reason);
        }
    }

    /// <summary>The VERSION option's major.minor.build, or null when the response carries none.</summary>
    public static string? Version(ReadOnlySpan<byte> payload)
    {
        for (var at = 0; at + 5 <= payload.Length && payload[at] != Terminator; at += 5)
        {
            var offset = BinaryPrimitives.ReadUInt16BigEndian(payload[(at + 1)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[(at + 3)..]);
            if (payload[at] == VersionToken && length >= 4 && offset + 4 <= payload.Length)
            {
                var build = BinaryPrimitives.ReadUInt16BigEndian(payload[(offset + 2)..]);
                return string.Create(CultureInfo.InvariantCulture, $"{payload[offset]}.{payload[offset + 1]}.{build}");
            }
        }

        return null;
    }
}
