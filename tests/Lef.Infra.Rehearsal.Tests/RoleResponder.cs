using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>One answer the responder gave: when (on its own clock), to which request line, with which status.</summary>
internal sealed record RoleAnswer(TimeSpan At, string RequestLine, int Status);

/// <summary>
/// The part of Patroni that HAProxy talks to: its REST API's role paths on <c>node:8008</c>, answered over HTTP/1.0 and
/// closed, as Patroni's BaseHTTPRequestHandler does. Every answer is computed from the real server when the request
/// arrives (<see cref="ClusterMember.AnswerAsync"/>), never from a cache. HAProxy's <c>option httpchk OPTIONS /primary</c>
/// sends <c>OPTIONS /primary HTTP/1.0\r\n\r\n</c>; OPTIONS and HEAD get the status line and headers, GET a JSON body too.
/// </summary>
internal sealed class RoleResponder : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private readonly Socket listener;
    private readonly Func<string, Task<(int Status, string Body)>> answer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<RoleAnswer> answers = [];

    /// <param name="listener">A bound, listening socket (one in the db host's namespace).</param>
    /// <param name="answer">The status and JSON body for a path with its query (<c>/replica?lag=1048576</c>).</param>
    public RoleResponder(Socket listener, Func<string, Task<(int Status, string Body)>> answer)
    {
        this.listener = listener;
        this.answer = answer;
        Address = (IPEndPoint)listener.LocalEndPoint!;
        accepting = Task.Run(AcceptAsync);
    }

    public IPEndPoint Address { get; }

    /// <summary>Every answer so far, oldest first.</summary>
    public IReadOnlyList<RoleAnswer> Answers
    {
        get
        {
            lock (answers)
            {
                return answers.ToArray();
            }
        }
    }

    /// <summary>The status line of an HTTP/1.0 answer.</summary>
    public static string StatusLine(int status) =>
        "HTTP/1.0 " + status.ToString(CultureInfo.InvariantCulture) + " " + status switch
        {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Service Unavailable",
        };

    /// <summary>
    /// Asks a responder as HAProxy does: one request line, an empty header block, HTTP/1.0; reads to the close. The
    /// status code, or 0 when nothing parsable came back within the timeout.
    /// </summary>
    public static async Task<int> AskAsync(Socket socket, IPEndPoint responder, string method, string path, TimeSpan timeout)
    {
        using (socket)
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await socket.ConnectAsync(responder, deadline.Token);
                await socket.SendAsync(Encoding.ASCII.GetBytes(method + " " + path + " HTTP/1.0\r\n\r\n"), SocketFlags.None, deadline.Token);
                var reply = new StringBuilder();
                var buffer = new byte[1024];
                int n;
                while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
                {
                    reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }

                var line = reply.ToString().Split("\r\n")[0].Split(' ');
                return line.Length >= 2 && line[0].StartsWith("HTTP/1.", StringComparison.Ordinal) && int.TryParse(line[1], CultureInfo.InvariantCulture, out var status) ? status : 0;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return 0;
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Dispose();
        try
        {
            accepting.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using (connection)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
        {
            deadline.CancelAfter(ReadTimeout);
            try
            {
                var request = new StringBuilder();
                var buffer = new byte[2048];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && !request.ToString().Contains("\n\n", StringComparison.Ordinal) && request.Length < 16384)
                {
                    var n = await connection.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }

                var line = request.ToString().Split('\n')[0].TrimEnd('\r');
                var parts = line.Split(' ');
                int status;
                var body = string.Empty;
                if (parts.Length != 3 || !parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
                {
                    status = 400;
                }
                else if (parts[0] is not ("GET" or "OPTIONS" or "HEAD"))
                {
                    status = 405;
                }
                else
                {
                    (status, body) = await answer(parts[1]);
                }

                lock (answers)
                {
                    answers.Add(new RoleAnswer(clock.Elapsed, line, status));
                }

                var content = parts[0] == "GET" ? body : string.Empty;
                var reply = StatusLine(status) + "\r\nServer: lef-rehearsal role responder\r\nContent-Type: application/json\r\nContent-Length: "
                    + Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture) + "\r\nConnection: close\r\n\r\n" + content;
                await connection.SendAsync(Encoding.UTF8.GetBytes(reply), SocketFlags.None, deadline.Token);
                connection.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The checker went away or took too long: nothing to answer.
            }
        }
    }
}
