using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>Reads for the probes: exactly n bytes, or fewer when the peer closes first (which the probes report as such).</summary>
internal static class Wire
{
    public static async Task<byte[]> ReadAsync(Socket socket, int count, CancellationToken cancellation)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellation);
            if (n == 0)
            {
                return buffer.AsSpan(0, read).ToArray();
            }

            read += n;
        }

        return buffer;
    }
}
