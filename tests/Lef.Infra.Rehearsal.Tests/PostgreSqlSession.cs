using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>How an open session ended: closed or reset with no word from the server (a proxy cut it), or with a server message.</summary>
internal sealed record SessionEnd(TimeSpan At, string How, string? ServerMessage);

/// <summary>
/// A PostgreSQL session over the v3 wire protocol, opened on a socket the caller provides (one inside the client namespace),
/// so the test can hold it open and see the exact moment it is cut.
/// </summary>
internal sealed class PostgreSqlSession : IDisposable
{
    private readonly Socket socket;

    private PostgreSqlSession(Socket socket) => this.socket = socket;

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    /// <summary>Connects, sends the startup message (trust authentication) and waits for ReadyForQuery.</summary>
    public static async Task<PostgreSqlSession> OpenAsync(Socket socket, IPEndPoint target, string user, string database, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await socket.ConnectAsync(target, deadline.Token);
        var session = new PostgreSqlSession(socket);
        var parameters = Encoding.UTF8.GetBytes("user\0" + user + "\0database\0" + database + "\0\0");
        var startup = new byte[8 + parameters.Length];
        BinaryPrimitives.WriteInt32BigEndian(startup, startup.Length);
        BinaryPrimitives.WriteInt32BigEndian(startup.AsSpan(4), 196608);
        parameters.CopyTo(startup, 8);
        await socket.SendAsync(startup, SocketFlags.None, deadline.Token);
        await session.ReadUntilReadyAsync(deadline.Token);
        return session;
    }

    /// <summary>A simple query; the first column of the first row.</summary>
    public async Task<string?> ScalarAsync(string sql, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var text = Encoding.UTF8.GetBytes(sql + "\0");
        var query = new byte[5 + text.Length];
        query[0] = (byte)'Q';
        BinaryPrimitives.WriteInt32BigEndian(query.AsSpan(1), 4 + text.Length);
        text.CopyTo(query, 5);
        await socket.SendAsync(query, SocketFlags.None, deadline.Token);
        return (await ReadUntilReadyAsync(deadline.Token)).FirstOrDefault;
    }

    /// <summary>Waits, idle, until the connection ends; <paramref name="clock"/> timestamps it.</summary>
    public async Task<SessionEnd> WaitForEndAsync(Func<TimeSpan> clock, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        string? message = null;
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (n == 0)
                {
                    return new SessionEnd(clock(), "closed", message);
                }

                message = (message ?? string.Empty) + Encoding.UTF8.GetString(buffer, 0, n);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return new SessionEnd(clock(), "reset", message);
        }
    }

    public void Dispose() => socket.Dispose();

    private async Task<(string? FirstOrDefault, int Rows)> ReadUntilReadyAsync(CancellationToken cancellation)
    {
        string? first = null;
        var rows = 0;
        var errors = new List<string>();
        while (true)
        {
            var header = await ReadAsync(5, cancellation);
            var body = await ReadAsync(BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4, cancellation);
            switch ((char)header[0])
            {
                case 'R' when BinaryPrimitives.ReadInt32BigEndian(body) != 0:
                    throw new InvalidOperationException("the server asked for authentication method " + BinaryPrimitives.ReadInt32BigEndian(body));
                case 'E':
                    errors.Add(Encoding.UTF8.GetString(body).Replace('\0', ' ').Trim());
                    break;
                case 'D' when rows++ == 0 && BinaryPrimitives.ReadInt16BigEndian(body) > 0:
                    var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(2));
                    first = length < 0 ? null : Encoding.UTF8.GetString(body, 6, length);
                    break;
                case 'Z':
                    return errors.Count > 0 ? throw new InvalidOperationException(string.Join("; ", errors)) : (first, rows);
            }
        }
    }

    private async Task<byte[]> ReadAsync(int count, CancellationToken cancellation)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellation);
            if (n == 0)
            {
                throw new InvalidOperationException("the server closed the session");
            }

            read += n;
        }

        return buffer;
    }
}
