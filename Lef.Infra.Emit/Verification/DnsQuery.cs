using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>What a name resolved to, or why it did not.</summary>
internal sealed record DnsAnswer(IReadOnlyList<IPAddress> Addresses, string? Error)
{
    public static DnsAnswer Failed(string error) => new([], error);
}

/// <summary>
/// One A-record query over UDP to a given server (RFC 1035 4.1), asked twice at most: enough to ask a named directly,
/// without the system resolver's configuration in the way. Answers must carry the query's ID and question.
/// </summary>
internal static class DnsQuery
{
    private const ushort TypeA = 1;
    private const ushort ClassIn = 1;
    private const int HeaderLength = 12;
    private const int Attempts = 2;

    public static async Task<DnsAnswer> QueryAAsync(IPEndPoint server, string name, TimeSpan timeout, CancellationToken cancellation)
    {
        var id = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        byte[] query;
        try
        {
            query = Query(id, name);
        }
        catch (ArgumentException e)
        {
            return DnsAnswer.Failed(e.Message);
        }

        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var buffer = new byte[4096];
        try
        {
            // Connected UDP: only the server's datagrams arrive, and an ICMP port unreachable surfaces as "refused".
            await socket.ConnectAsync(server, deadline.Token);
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                await socket.SendAsync(query, SocketFlags.None, deadline.Token);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                wait.CancelAfter(timeout / Attempts);
                try
                {
                    while (true)
                    {
                        var length = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                        if (Parse(buffer.AsSpan(0, length), id, query.AsSpan(HeaderLength)) is { } answer)
                        {
                            return answer;
                        }
                    }
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                }
            }

            return DnsAnswer.Failed("no answer from " + server + " within " + TcpConnect.Seconds(timeout));
        }
        catch (Exception e) when (TcpConnect.Describe(e, timeout) is { } reason)
        {
            return DnsAnswer.Failed("DNS server " + server + ": " + reason);
        }
    }

    /// <summary>A standard query, recursion desired, one question: <paramref name="name"/> IN A.</summary>
    public static byte[] Query(ushort id, string name)
    {
        var message = new List<byte>(HeaderLength + name.Length + 6);
        message.AddRange([(byte)(id >> 8), (byte)id, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length is 0 or > 63)
            {
                throw new ArgumentException("not a valid DNS name: " + name, nameof(name));
            }

            message.Add((byte)bytes.Length);
            message.AddRange(bytes);
        }

        message.AddRange([0x00, 0x00, (byte)TypeA, 0x00, (byte)ClassIn]);
        return message.ToArray();
    }

    /// <summary>The answer, or null when the datagram is not the reply to this query (wrong ID or question): keep waiting.</summary>
    public static DnsAnswer? Parse(ReadOnlySpan<byte> message, ushort id, ReadOnlySpan<byte> question)
    {
        if (message.Length < HeaderLength + question.Length
            || BinaryPrimitives.ReadUInt16BigEndian(message) != id
            || (message[2] & 0x80) == 0
            || !message.Slice(HeaderLength, question.Length).SequenceEqual(question))
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        if ((flags & 0x0200) != 0)
        {
            return DnsAnswer.Failed("the answer was truncated");
        }

        switch (flags & 0x000F)
        {
            case 0:
                break;
            case 3:
                return DnsAnswer.Failed("NXDOMAIN: the name does not exist");
            case var rcode:
                return DnsAnswer.Failed("the server answered " + RcodeName(rcode));
        }

        var addresses = new List<IPAddress>();
        var answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var at = HeaderLength + question.Length;
        try
        {
            for (var i = 0; i < answers; i++)
            {
                at = SkipName(message, at);
                var type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
                var @class = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 2)..]);
                var length = BinaryPrimitives.ReadUInt16BigEndian(message[(at + 8)..]);
                at += 10;
                if (type == TypeA && @class == ClassIn && length == 4)
                {
                    addresses.Add(new IPAddress(message.Slice(at, 4)));
                }

                at += length;
            }
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return DnsAnswer.Failed("malformed answer");
        }

        return addresses.Count == 0 ? DnsAnswer.Failed("no A record") : new DnsAnswer(addresses, null);
    }

    private static int SkipName(ReadOnlySpan<byte> message, int at)
    {
        while (true)
        {
            var length = message[at];
            if ((length & 0xC0) == 0xC0)
            {
                return at + 2;
            }

            if (length == 0)
            {
                return at + 1;
            }

            at += length + 1;
        }
    }

    private static string RcodeName(int rcode) => rcode switch
    {
        1 => "FORMERR",
        2 => "SERVFAIL",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => "RCODE " + rcode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
