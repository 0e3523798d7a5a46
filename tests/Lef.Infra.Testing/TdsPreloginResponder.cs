using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Testing;

/// <summary>What one connection to the responder sent first: a PRELOGIN (0x12) from a check or a probe, or anything else.</summary>
public sealed record TdsConnection(IPEndPoint Remote, byte[] FirstBytes)
{
    public bool IsPrelogin => FirstBytes is [TdsPreloginResponder.PreloginType, ..];
}

/// <summary>
/// Stands in for SQL Server, which Debian does not ship: answers each TDS PRELOGIN packet with a PRELOGIN response
/// (MS-TDS 2.2.6.5: VERSION 16.0.1000, ENCRYPTION not supported) and records every connection's first bytes, so a test
/// can tell what was routed to it.
/// </summary>
public sealed class TdsPreloginResponder : IDisposable
{
    public const byte PreloginType = 0x12;

    /// <summary>Header (type 0x04 tabular result, status EOM, length 26), VERSION at 11 (6 bytes), ENCRYPTION at 17 (1 byte), terminator, data.</summary>
    public static readonly byte[] Response =
    [
        0x04, 0x01, 0x00, 0x1A, 0x00, 0x00, 0x01, 0x00,
        0x00, 0x00, 0x0B, 0x00, 0x06,
        0x01, 0x00, 0x11, 0x00, 0x01,
        0xFF,
        0x10, 0x00, 0x03, 0xE8, 0x00, 0x00,
        0x02,
    ];

    private readonly Socket listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TdsConnection> connections = [];
    private readonly Task accepting;

    /// <summary>Serves on a socket that is already bound and listening (for example one created inside a network namespace).</summary>
    public TdsPreloginResponder(Socket listener)
    {
        this.listener = listener;
        accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public IReadOnlyList<TdsConnection> Connections
    {
        get
        {
            lock (connections)
            {
                return connections.ToArray();
            }
        }
    }

    /// <summary>A responder on 127.0.0.1 and a free port.</summary>
    public static TdsPreloginResponder OnLoopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(64);
        return new TdsPreloginResponder(socket);
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Dispose();
        try
        {
            accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var first = true;
                var header = new byte[8];
                while (await ReadExactlyAsync(client, header) is var read && read > 0)
                {
                    if (first)
                    {
                        lock (connections)
                        {
                            connections.Add(new TdsConnection((IPEndPoint)client.RemoteEndPoint!, header[..read]));
                        }

                        first = false;
                    }

                    if (read < header.Length || header[0] != PreloginType)
                    {
                        return;
                    }

                    var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                    if (length > header.Length && await ReadExactlyAsync(client, new byte[length - header.Length]) < length - header.Length)
                    {
                        return;
                    }

                    await client.SendAsync(Response, SocketFlags.None, stopping.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }
    }

    private async Task<int> ReadExactlyAsync(Socket client, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await client.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, stopping.Token);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }
}
