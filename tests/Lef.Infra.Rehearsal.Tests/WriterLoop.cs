using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// One write attempt: its sequence number, when it started and how long it took (the caller's clock), and either the
/// server that committed it (<c>inet_server_addr()</c>) with what it said of itself (<c>pg_is_in_recovery()</c>), or the error.
/// </summary>
internal sealed record WriteAttempt(long Seq, TimeSpan At, TimeSpan Took, bool Committed, string? Node, bool? InRecovery, string? Error)
{
    public override string ToString() =>
        "#" + Seq + " at " + At.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s: "
        + (Committed ? "committed on " + Node + (InRecovery == true ? " IN RECOVERY" : string.Empty) : "failed: " + Error);
}

/// <summary>
/// A writer through one address (the write endpoint's VIP): every iteration a new connection (no pool) that commits one
/// <c>insert into writes(seq, node, in_recovery) values (seq, inet_server_addr(), pg_is_in_recovery())</c> and closes, so
/// every attempt is routed afresh. It runs on a thread inside the client's namespace (Npgsql's blocking Open makes its
/// socket there) and records every attempt.
/// </summary>
internal sealed class WriterLoop : IDisposable
{
    private readonly List<WriteAttempt> attempts = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private Exception? failure;

    private WriterLoop(NetworkNamespace client, IPEndPoint target, string user, Stopwatch clock, TimeSpan interval, long firstSeq)
    {
        Target = target;
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
        {
            Host = target.Address.ToString(),
            Port = target.Port,
            Username = user,
            Database = "postgres",
            Pooling = false,
            Timeout = 2,
            CommandTimeout = 2,
            SslMode = SslMode.Disable,
        }.ConnectionString);

        // Built-in types only: no type-loading round trip on a new connection to a server not seen before.
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        var dataSource = builder.Build();
        thread = client.StartThread(() => Run(dataSource, clock, interval, firstSeq), e => failure = e);
    }

    public IPEndPoint Target { get; }

    /// <summary>Starts writing at once; sequence numbers from <paramref name="firstSeq"/> (keep them unique across loops on one table).</summary>
    public static WriterLoop Start(NetworkNamespace client, IPEndPoint target, string user, Stopwatch clock, long firstSeq, TimeSpan? interval = null) =>
        new(client, target, user, clock, interval ?? TimeSpan.FromMilliseconds(20), firstSeq);

    /// <summary>The attempts so far.</summary>
    public IReadOnlyList<WriteAttempt> Attempts
    {
        get
        {
            lock (attempts)
            {
                return attempts.ToList();
            }
        }
    }

    /// <summary>Waits until an attempt started after <paramref name="after"/> satisfies <paramref name="condition"/>; its time, or null.</summary>
    public async Task<WriteAttempt?> WaitForAsync(Func<WriteAttempt, bool> condition, TimeSpan after, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var found = Attempts.FirstOrDefault(a => a.At >= after && condition(a));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        return null;
    }

    public IReadOnlyList<WriteAttempt> Stop()
    {
        stop.Cancel();
        if (!thread.Join(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("the writer loop did not stop");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("the writer loop failed", failure);
        }

        return Attempts;
    }

    /// <summary>Stops the loop if a test ended before <see cref="Stop"/>, so no writer outlives its test.</summary>
    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
    }

    public static string Describe(IReadOnlyList<WriteAttempt> attempts, TimeSpan from, TimeSpan to)
    {
        var window = attempts.Where(a => a.At >= from && a.At <= to).ToList();
        var failed = window.Where(a => !a.Committed).ToList();
        return window.Count + " writes between " + from.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s and " + to.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)
            + " s: " + (window.Count - failed.Count) + " committed (" + string.Join(", ", window.Where(a => a.Committed).GroupBy(a => a.Node).Select(g => g.Key + " x" + g.Count())) + "), "
            + failed.Count + " failed" + (failed.Count > 0 ? " (" + string.Join("; ", failed.GroupBy(a => Shorten(a.Error)).Select(g => g.Key + " x" + g.Count())) + ")" : string.Empty);
    }

    private static string Shorten(string? error) => error is null ? "?" : error.Length > 90 ? error[..90] + "..." : error;

    private void Run(NpgsqlDataSource dataSource, Stopwatch clock, TimeSpan interval, long seq)
    {
        using var owned = dataSource;
        while (!stop.IsCancellationRequested)
        {
            var at = clock.Elapsed;
            WriteAttempt attempt;
            try
            {
                // Blocking Open: the socket is made on this thread, inside the client's namespace.
                using var connection = dataSource.OpenConnection();
                using var command = new NpgsqlCommand(
                    "insert into writes(seq, node, in_recovery) values ($1, inet_server_addr(), pg_is_in_recovery()) returning host(node), in_recovery", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = seq });
                using var reader = command.ExecuteReader();
                reader.Read();
                attempt = new WriteAttempt(seq, at, clock.Elapsed - at, true, reader.GetString(0), reader.GetBoolean(1), null);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or System.IO.IOException)
            {
                attempt = new WriteAttempt(seq, at, clock.Elapsed - at, false, null, null, e.GetType().Name + ": " + (e.InnerException?.Message ?? e.Message));
            }

            lock (attempts)
            {
                attempts.Add(attempt);
            }

            seq++;
            var wait = interval - (clock.Elapsed - at);
            if (wait > TimeSpan.Zero)
            {
                stop.Token.WaitHandle.WaitOne(wait);
            }
        }
    }
}
