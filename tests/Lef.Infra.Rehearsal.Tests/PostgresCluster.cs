using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Npgsql;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>What a switchover did, and when (on the caller's clock).</summary>
internal sealed record Switchover(ClusterMember From, ClusterMember To, TimeSpan Fenced, TimeSpan ReadOnly, TimeSpan CaughtUp, TimeSpan Promoted, string FinalLsn);

/// <summary>
/// One node of a <see cref="PostgresCluster"/>: a real PostgreSQL server, its role responder on <c>address:8008</c>, and
/// the fence switch. Administered as postgres over its Unix socket (Npgsql), whatever its network.
/// </summary>
internal sealed class ClusterMember : IClusterNode, IDisposable
{
    private readonly PostgresCluster cluster;
    private NpgsqlDataSource admin;
    private volatile bool fenced;

    public ClusterMember(PostgresCluster cluster, string name, string address, PostgresServer server)
    {
        this.cluster = cluster;
        Name = name;
        Address = address;
        Server = server;
        admin = Connect();
    }

    /// <summary>The HAProxy server name the rehearsal topology gives it (<c>orders-1</c>).</summary>
    public string Name { get; }

    public string Address { get; }

    public PostgresServer Server { get; }

    public RoleResponder Responder { get; set; } = null!;

    public IPEndPoint Endpoint => new(IPAddress.Parse(Address), Server.Port);

    /// <summary>
    /// Patroni's "lost the leader lock": /primary and /read-write answer 503 from the next request on, while PostgreSQL
    /// keeps running as it was. Patroni demotes (restarts) PostgreSQL only after this.
    /// </summary>
    public bool Fenced
    {
        get => fenced;
        set => fenced = value;
    }

    public override string ToString() => Name + " (" + Address + ")";

    /// <summary>A query's first column of its first row, as postgres over the Unix socket.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var command = admin.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var value = await command.ExecuteScalarAsync(deadline.Token);
        return value is null or DBNull ? default : (T)value;
    }

    public async Task ExecAsync(string sql)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var command = admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(deadline.Token);
    }

    public Task<bool> InRecoveryAsync() => ScalarAsync<bool>("select pg_is_in_recovery()");

    /// <summary>
    /// Patroni's answer for one path, from the server as it is now: <c>/primary</c>, <c>/read-write</c> (not in recovery,
    /// not fenced), <c>/replica</c> (in recovery and streaming), <c>/replica?lag=N</c> (and replaying within N bytes of the
    /// primary's current WAL position), <c>/health</c> (PostgreSQL answers).
    /// </summary>
    public async Task<(int Status, string Body)> AnswerAsync(string pathAndQuery)
    {
        var (path, query) = pathAndQuery.IndexOf('?') is var q and >= 0 ? (pathAndQuery[..q], pathAndQuery[(q + 1)..]) : (pathAndQuery, string.Empty);
        long? maxLag = null;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("lag=", StringComparison.Ordinal))
            {
                if (!long.TryParse(pair[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var lag))
                {
                    return (400, "{\"error\": \"lag must be a number of bytes\"}");
                }

                maxLag = lag;
            }
        }

        bool inRecovery;
        string receiver;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await using var command = admin.CreateCommand("select pg_is_in_recovery(), coalesce((select status from pg_stat_wal_receiver), '')");
            await using var reader = await command.ExecuteReaderAsync(deadline.Token);
            await reader.ReadAsync(deadline.Token);
            (inRecovery, receiver) = (reader.GetBoolean(0), reader.GetString(1));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            return (503, "{\"state\": \"stopped\"}");
        }

        var role = inRecovery ? "replica" : "primary";
        var body = "{\"state\": \"running\", \"role\": \"" + role + "\", \"fenced\": " + (Fenced ? "true" : "false") + ", \"receiver\": \"" + receiver + "\"}";
        switch (path)
        {
            case "/health":
                return (200, body);
            case "/primary" or "/master" or "/leader" or "/read-write":
                return (!inRecovery && !Fenced ? 200 : 503, body);
            case "/replica":
                if (!inRecovery || receiver != "streaming")
                {
                    return (503, body);
                }

                if (maxLag is { } bound)
                {
                    var lag = await LagBytesAsync();
                    return (lag is { } bytes && bytes <= bound ? 200 : 503, body[..^1] + ", \"lag\": " + (lag?.ToString(CultureInfo.InvariantCulture) ?? "null") + "}");
                }

                return (200, body);
            default:
                return (404, "{\"error\": \"unknown path\"}");
        }
    }

    /// <summary>
    /// How far this replica's replay is behind the primary's current WAL position, in bytes (Patroni compares the
    /// leader's position with the replica's): <c>pg_wal_lsn_diff(primary pg_current_wal_lsn(), pg_last_wal_replay_lsn())</c>.
    /// Null when no primary answers: then the replica does not pass a lag-bounded check (fail closed).
    /// </summary>
    public async Task<long?> LagBytesAsync()
    {
        try
        {
            var primary = await cluster.CurrentWalLsnAsync(this);
            if (primary is null)
            {
                return null;
            }

            var lag = await ScalarAsync<decimal>("select pg_wal_lsn_diff($1::text::pg_lsn, pg_last_wal_replay_lsn())", primary);
            return (long)lag;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Drops the pooled admin connections (after a restart their sockets are dead).</summary>
    public void Reconnect()
    {
        var old = admin;
        admin = Connect();
        old.Dispose();
    }

    public void Dispose() => admin.Dispose();

    private NpgsqlDataSource Connect() =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
        {
            Host = Server.SocketDirectory,
            Port = Server.Port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 2,
            CommandTimeout = 10,
            MaxPoolSize = 8,
        }.ConnectionString);
}

/// <summary>
/// A PostgreSQL streaming pair (or more) on one host of the rehearsal, each server on its own address, each with its role
/// responder on <c>address:8008</c>: the first node initdb'd with data checksums (so pg_rewind works) as the primary,
/// the others <c>pg_basebackup -R</c> replicas streaming from it. The switchover is Patroni's in slow motion, one step
/// per call, so a test can watch HAProxy between them: fence, read-only, catch up, promote, and later rewind and follow.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    public const int CheckPort = 8008;

    /// <summary>
    /// Every member's extra settings. pg_rewind reads the demoted primary's WAL back to the last checkpoint before the
    /// timelines diverged, so the segments must still be there (a checkpoint recycles them): keep some. The receiver
    /// reports every second (default 10 s), so the primary's view of its replica is fresh too.
    /// </summary>
    private static readonly string[] Settings = ["wal_keep_size=128MB", "wal_receiver_status_interval=1s"];

    private readonly List<IDisposable> teardown = [];
    private readonly List<ClusterMember> members = [];

    private PostgresCluster(NetworkNamespace host) => Host = host;

    public NetworkNamespace Host { get; }

    public IReadOnlyList<ClusterMember> Members => members;

    /// <summary>The one member not in recovery and not fenced, or null (mid-switchover).</summary>
    public async Task<ClusterMember?> PrimaryAsync()
    {
        foreach (var member in members.Where(m => !m.Fenced))
        {
            try
            {
                if (!await member.InRecoveryAsync())
                {
                    return member;
                }
            }
            catch (NpgsqlException)
            {
                // Stopped: not the primary.
            }
        }

        return null;
    }

    /// <summary>
    /// Initializes and starts the cluster on <paramref name="host"/>: <paramref name="nodes"/> are (HAProxy server name,
    /// address); every address must already be on the host. The first is the primary.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(NetworkNamespace host, string directory, IReadOnlyList<(string Name, string Address)> nodes, int port = 5432)
    {
        var cluster = new PostgresCluster(host);
        try
        {
            var primary = await PostgresServer.InitAsync(Path.Combine(directory, nodes[0].Name), nodes[0].Address, port, dataChecksums: true, host.Exec);
            cluster.teardown.Add(primary);
            primary.Settings.AddRange(Settings);
            await primary.StartAsync();
            cluster.Add(nodes[0].Name, nodes[0].Address, primary);
            foreach (var (name, address) in nodes.Skip(1))
            {
                var replica = await PostgresServer.BaseBackupAsync(primary, nodes[0].Address, Path.Combine(directory, name), address, port, host.Exec);
                cluster.teardown.Add(replica);
                replica.Settings.AddRange(Settings);
                await replica.StartAsync();
                cluster.Add(name, address, replica);
            }

            foreach (var replica in cluster.members.Skip(1))
            {
                await cluster.WaitStreamingAsync(replica, TimeSpan.FromSeconds(20));
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public ClusterMember this[string name] => members.Single(m => m.Name == name);

    /// <summary>
    /// The primary's current WAL position, from the member that is not in recovery (the unfenced one first), as text
    /// (<c>0/3000148</c>); null when none answers.
    /// </summary>
    public async Task<string?> CurrentWalLsnAsync(ClusterMember asking)
    {
        foreach (var member in members.Where(m => m != asking).OrderBy(m => m.Fenced))
        {
            try
            {
                var lsn = await member.ScalarAsync<string>("select case when pg_is_in_recovery() then null else pg_current_wal_lsn()::text end");
                if (lsn is not null)
                {
                    return lsn;
                }
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
            {
                // Stopped or restarting: ask the next one.
            }
        }

        return null;
    }

    /// <summary>
    /// The first half of a switchover, Patroni's order: fence <paramref name="from"/> (its /primary answers 503 at once),
    /// make it refuse writes while it keeps running (<c>default_transaction_read_only</c>, reloaded, and no write in
    /// flight), wait until <paramref name="to"/> has replayed everything <paramref name="from"/> wrote, then promote
    /// <paramref name="to"/>. <paramref name="from"/> stays up, fenced and read-only, until <see cref="RejoinAsync"/>.
    /// </summary>
    public async Task<Switchover> SwitchoverAsync(ClusterMember from, ClusterMember to, Stopwatch clock)
    {
        Assert.False(await from.InRecoveryAsync(), from + " is not a primary");
        Assert.True(await to.InRecoveryAsync(), to + " is not a replica");
        from.Fenced = true;
        var fenced = clock.Elapsed;
        await FenceWritesAsync(from);
        var readOnly = clock.Elapsed;

        var lsn = (await from.ScalarAsync<string>("select pg_current_wal_lsn()::text"))!;
        await WaitAsync(async () => await to.ScalarAsync<bool>("select pg_last_wal_replay_lsn() >= $1::text::pg_lsn", lsn), TimeSpan.FromSeconds(20), to + " did not replay up to " + lsn);
        var caughtUp = clock.Elapsed;

        // A replica's replay may be paused (the lag rehearsal): promotion waits for replay, so resume first.
        await to.ExecAsync("select pg_wal_replay_resume()");
        Assert.True(await to.ScalarAsync<bool>("select pg_promote(true, 30)"), to + ": pg_promote did not finish in 30 s");
        to.Fenced = false;
        return new Switchover(from, to, fenced, readOnly, caughtUp, clock.Elapsed, lsn);
    }

    /// <summary>
    /// The demoted primary's way back: stop it (fast), rewind it onto <paramref name="primary"/>'s timeline, start it as
    /// its streaming replica, lift the fence. Its read-only setting goes with the rewritten postgresql.auto.conf.
    /// </summary>
    public async Task RejoinAsync(ClusterMember demoted, ClusterMember primary)
    {
        Assert.True(await demoted.Server.StopAsync(TimeSpan.FromSeconds(20)), demoted + " did not stop");
        demoted.Reconnect();

        // The promoted server records its new timeline in pg_control at its next checkpoint; pg_rewind reads it there.
        await primary.ExecAsync("checkpoint");
        await demoted.Server.RewindAsync(primary.Server, primary.Address);
        await demoted.Server.StartAsync();
        demoted.Reconnect();
        await WaitStreamingAsync(demoted, TimeSpan.FromSeconds(20));
        demoted.Fenced = false;
    }

    /// <summary>
    /// Back to a known shape whatever a test left: replay resumed everywhere, every fenced (demoted but running) member
    /// rejoined to the current primary, then <paramref name="primary"/> made the primary if it is not (a switchover and a
    /// rejoin), and every other member caught up with it.
    /// </summary>
    public async Task RestoreAsync(ClusterMember primary)
    {
        foreach (var member in members)
        {
            if (await member.InRecoveryAsync())
            {
                await ResumeReplayAsync(member);
            }
        }

        var current = await PrimaryAsync() ?? throw new InvalidOperationException("no member is an unfenced primary");
        foreach (var member in members.Where(m => m.Fenced))
        {
            await RejoinAsync(member, current);
        }

        if (current != primary)
        {
            await SwitchoverAsync(current, primary, Stopwatch.StartNew());
            await RejoinAsync(current, primary);
        }

        foreach (var member in members.Where(m => m != primary))
        {
            await WaitCaughtUpAsync(member, TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Pauses replay on a replica (WAL still arrives, nothing is applied): its lag grows with every write on the primary.</summary>
    public static async Task PauseReplayAsync(ClusterMember replica)
    {
        await replica.ExecAsync("select pg_wal_replay_pause()");
        await WaitAsync(async () => await replica.ScalarAsync<string>("select pg_get_wal_replay_pause_state()") == "paused", TimeSpan.FromSeconds(10), replica + " did not pause replay");
    }

    public static Task ResumeReplayAsync(ClusterMember replica) => replica.ExecAsync("select pg_wal_replay_resume()");

    /// <summary>Writes at least <paramref name="bytes"/> of WAL on the primary (rows into a filler table); returns how much it wrote.</summary>
    public static async Task<long> WriteWalAsync(ClusterMember primary, long bytes)
    {
        await primary.ExecAsync("create table if not exists lag_filler(id bigint, pad text)");
        var start = (await primary.ScalarAsync<string>("select pg_current_wal_lsn()::text"))!;
        long written;
        do
        {
            await primary.ExecAsync("insert into lag_filler select g, repeat('x', 200) from generate_series(1, 5000) g");
            written = (long)await primary.ScalarAsync<decimal>("select pg_wal_lsn_diff(pg_current_wal_lsn(), $1::text::pg_lsn)", start);
        }
        while (written < bytes);
        return written;
    }

    /// <summary>Waits until <paramref name="replica"/> is in recovery and its WAL receiver streams.</summary>
    public async Task WaitStreamingAsync(ClusterMember replica, TimeSpan timeout) =>
        await WaitAsync(
            async () => await replica.ScalarAsync<bool>("select pg_is_in_recovery() and coalesce((select status = 'streaming' from pg_stat_wal_receiver), false)"),
            timeout,
            replica + " is not streaming: " + string.Join("\n", members.Select(m => m + ":\n" + m.Server.Process?.Output)));

    /// <summary>Waits until <paramref name="replica"/> has replayed everything the current primary wrote.</summary>
    public async Task WaitCaughtUpAsync(ClusterMember replica, TimeSpan timeout) =>
        await WaitAsync(async () => await replica.LagBytesAsync() is 0 or < 0, timeout, replica + " did not catch up");

    /// <summary>
    /// The writes table the writer loop fills (on the primary, so replicated): its sequence number, the server that took
    /// the insert (<c>inet_server_addr()</c>) and what that server said of itself (<c>pg_is_in_recovery()</c>).
    /// </summary>
    public static Task CreateWritesTableAsync(ClusterMember primary, string user) => primary.ExecAsync(WritesTableSql(user));

    /// <summary>The writes table and the writer's role, as SQL for a primary.</summary>
    public static string WritesTableSql(string user) =>
        "do $$ begin if not exists (select from pg_roles where rolname = '" + user + "') then create role " + user + " login; end if; end $$;"
        + " create table if not exists writes(seq bigint primary key, node inet not null, in_recovery boolean not null, at timestamptz not null default clock_timestamp());"
        + " grant select, insert on writes to " + user + ";";

    /// <summary>The writes table as the given member holds it: seq → node.</summary>
    public static Task<IReadOnlyDictionary<long, (string Node, bool InRecovery)>> WritesAsync(ClusterMember member) =>
        WritesAsync(member.Server.SocketDirectory, member.Server.Port);

    /// <summary>The writes table as the server on that Unix socket holds it: seq → node.</summary>
    public static async Task<IReadOnlyDictionary<long, (string Node, bool InRecovery)>> WritesAsync(string socketDirectory, int port)
    {
        var rows = new Dictionary<long, (string, bool)>();
        await using var connection = await OpenAsync(socketDirectory, port);
        await using var command = new NpgsqlCommand("select seq, host(node), in_recovery from writes", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetInt64(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }

        return rows;
    }

    public void Dispose()
    {
        foreach (var member in members)
        {
            member.Responder?.Dispose();
            member.Dispose();
        }

        for (var i = teardown.Count - 1; i >= 0; i--)
        {
            teardown[i].Dispose();
        }

        teardown.Clear();
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                last = e;
            }

            await Task.Delay(50);
        }

        Assert.Fail(failure + " within " + timeout + (last is null ? string.Empty : " (last error: " + last.Message + ")"));
    }

    private static Task<NpgsqlConnection> OpenAsync(ClusterMember member) => OpenAsync(member.Server.SocketDirectory, member.Server.Port);

    private static async Task<NpgsqlConnection> OpenAsync(string socketDirectory, int port)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = socketDirectory,
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Makes <paramref name="member"/> refuse writes while it runs: <c>default_transaction_read_only = on</c> through
    /// ALTER SYSTEM and a reload (every session applies it before its next command; new ones start with it), then waits
    /// until a new session sees it and no other client backend is still running a statement.
    /// </summary>
    private static async Task FenceWritesAsync(ClusterMember member)
    {
        await member.ExecAsync("alter system set default_transaction_read_only = on");
        await member.ExecAsync("select pg_reload_conf()");
        await WaitAsync(async () =>
        {
            await using var connection = await OpenAsync(member);
            await using var command = new NpgsqlCommand(
                "select current_setting('default_transaction_read_only') = 'on' and not exists (select from pg_stat_activity"
                + " where backend_type = 'client backend' and pid <> pg_backend_pid() and (state = 'active' or backend_xid is not null)"
                + " and usename <> 'postgres')", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }, TimeSpan.FromSeconds(10), member + " did not become read-only");
    }

    private void Add(string name, string address, PostgresServer server)
    {
        var member = new ClusterMember(this, name, address, server);
        members.Add(member);
        var listener = Host.Socket();
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Parse(address), CheckPort));
        listener.Listen(64);
        member.Responder = new RoleResponder(listener, member.AnswerAsync);
    }
}
