using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// Receives what HAProxy sends to <c>log /dev/log</c>: a datagram socket at dev/log inside its chroot, which is where the
/// emitted <c>chroot /var/lib/haproxy</c> makes that path point. Every connection's tcplog line ends up here.
/// </summary>
internal sealed class HaproxyLog : IDisposable
{
    private readonly Socket socket;
    private readonly List<string> lines = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task receiving;

    public HaproxyLog(string chrootDirectory)
    {
        var path = Path.Combine(chrootDirectory, "dev", "log");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        // HAProxy writes to it after dropping to the haproxy user.
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        receiving = ReceiveAsync();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToArray();
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        socket.Dispose();
        try
        {
            receiving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stopping.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65536];
        while (!stopping.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveAsync(buffer, SocketFlags.None, stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(Encoding.UTF8.GetString(buffer, 0, length).TrimEnd('\n'));
            }
        }
    }
}
