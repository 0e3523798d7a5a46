using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// The cluster fixture on its own, without HAProxy: the db host (a namespace whose eth0 holds both addresses), a primary
/// on 198.18.1.5 and its streaming replica on 198.18.1.6, each with its role responder on :8008; and a peer on
/// 198.18.1.1, where the proxy's ens19 would be, that asks the responders and writes.
/// </summary>
public sealed class PostgresClusterHost : IAsyncLifetime
{
    public const string FirstAddress = "198.18.1.5";
    public const string SecondAddress = "198.18.1.6";

    private static int counter;
    private readonly List<IDisposable> teardown = [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lef-rehearsal-" + Environment.ProcessId + "-cluster" + Interlocked.Increment(ref counter));

    internal NetworkNamespace Db { get; private set; } = null!;

    /// <summary>Where the proxy would be: the host the checks and the writes come from.</summary>
    internal NetworkNamespace Peer { get; private set; } = null!;

    internal PostgresCluster Cluster { get; private set; } = null!;

    internal ClusterMember First => Cluster["db-1"];

    internal ClusterMember Second => Cluster["db-2"];

    public async Task InitializeAsync()
    {
        if (Rehearsal.SkipReason is not null)
        {
            return;
        }

        Assert.True(Environment.IsPrivilegedProcess, "The cluster fixture needs root: a network namespace and PostgreSQL as the postgres user.");
        try
        {
            await NetworkNamespace.RemoveLeftoversAsync();
            System.IO.Directory.CreateDirectory(Directory);
            teardown.Add(new Removal(Directory));
            Db = await NetworkNamespace.CreateAsync("cdb");
            teardown.Add(Db);
            Peer = await NetworkNamespace.CreateAsync("cpeer");
            teardown.Add(Peer);
            await NetworkNamespace.LinkAsync(Peer, "ens19", Db, "eth0");
            await Peer.AddressAsync("ens19", Rehearsal.ProxyBackendAddress + "/24");
            await Db.AddressAsync("eth0", FirstAddress + "/24");
            await Db.AddressAsync("eth0", SecondAddress + "/24");
            Cluster = await PostgresCluster.StartAsync(Db, Directory, [("db-1", FirstAddress), ("db-2", SecondAddress)]);
            teardown.Add(Cluster);
            await PostgresCluster.CreateWritesTableAsync(First, Rehearsal.PostgreSqlUser);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        for (var i = teardown.Count - 1; i >= 0; i--)
        {
            teardown[i].Dispose();
        }

        teardown.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Asks a member's responder from the peer, as HAProxy asks: <c>METHOD PATH HTTP/1.0</c>, read to the close.</summary>
    internal Task<int> AskAsync(ClusterMember member, string path, string method = "OPTIONS") =>
        RoleResponder.AskAsync(Peer.Socket(), new IPEndPoint(IPAddress.Parse(member.Address), PostgresCluster.CheckPort), method, path, TimeSpan.FromSeconds(3));

    /// <summary>Back to the starting shape: db-1 the primary, db-2 its caught-up streaming replica, nothing fenced or paused.</summary>
    internal async Task ResetAsync()
    {
        await Cluster.RestoreAsync(First);
        Assert.False(First.Fenced || Second.Fenced, "a member is still fenced");
    }

    private sealed class Removal(string path) : IDisposable
    {
        public void Dispose()
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
    }
}

/// <summary>
/// The cluster fixture proved against the real servers, before any HAProxy relies on it: the responders follow
/// pg_is_in_recovery() through a switchover and back, the lag bound follows a paused replay, writes land only on the
/// server not in recovery.
/// </summary>
public sealed class PostgresClusterTests(PostgresClusterHost host, ITestOutputHelper output) : IClassFixture<PostgresClusterHost>
{
    private const long LagBound = 1048576;

    /// <summary>/primary, /read-write, /replica, /health of a primary; of a replica; of a fenced primary.</summary>
    private static readonly int[] AsPrimary = [200, 200, 503, 200];
    private static readonly int[] AsReplica = [503, 503, 200, 200];
    private static readonly int[] AsFencedPrimary = [503, 503, 503, 200];

    [RehearsalFact]
    public async Task The_responder_answers_haproxys_check_over_http_1_0_and_closes()
    {
        await host.ResetAsync();
        using var socket = host.Peer.Socket();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(host.First.Address), PostgresCluster.CheckPort), deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes("OPTIONS /primary HTTP/1.0\r\n\r\n"), SocketFlags.None, deadline.Token);
        var reply = new StringBuilder();
        var buffer = new byte[1024];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
        {
            reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        // Read to the end: the responder closed the connection (HAProxy's check waits for the close, or the timeout).
        var text = reply.ToString();
        Assert.StartsWith("HTTP/1.0 200 OK\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", text, StringComparison.Ordinal);

        Assert.Equal(503, await host.AskAsync(host.Second, "/primary"));
        Assert.Equal(200, await host.AskAsync(host.Second, "/replica", "GET"));
        Assert.Equal(404, await host.AskAsync(host.First, "/nowhere"));
        Assert.Equal(405, await host.AskAsync(host.First, "/primary", "POST"));
        Assert.Equal(400, await host.AskAsync(host.Second, "/replica?lag=lots"));
    }

    [RehearsalFact]
    public async Task Responders_follow_the_roles_through_fence_promote_rejoin_and_back()
    {
        await host.ResetAsync();
        var (first, second) = (host.First, host.Second);
        Assert.Equal(AsPrimary, await AnswersAsync(first));
        Assert.Equal(AsReplica, await AnswersAsync(second));

        // Fenced: /primary says 503 at once, while PostgreSQL is still the primary and takes writes.
        first.Fenced = true;
        Assert.Equal(503, await host.AskAsync(first, "/primary"));
        Assert.False(await first.InRecoveryAsync());
        first.Fenced = false;
        Assert.Equal(200, await host.AskAsync(first, "/primary"));

        var clock = Stopwatch.StartNew();
        var switchover = await host.Cluster.SwitchoverAsync(first, second, clock);
        output.WriteLine($"switchover {first.Name} -> {second.Name}: fenced at {S(switchover.Fenced)}, read-only at {S(switchover.ReadOnly)}, replica caught up at {S(switchover.CaughtUp)}, promoted at {S(switchover.Promoted)} (final LSN of the old primary {switchover.FinalLsn})");

        // The old primary still runs, not in recovery, refusing writes: only the fence keeps its /primary at 503.
        Assert.False(await first.InRecoveryAsync());
        Assert.Equal("on", await first.ScalarAsync<string>("show default_transaction_read_only"));
        Assert.Equal(AsFencedPrimary, await AnswersAsync(first));
        Assert.Equal(AsPrimary, await AnswersAsync(second));

        var rejoin = Stopwatch.StartNew();
        await host.Cluster.RejoinAsync(first, second);
        output.WriteLine($"{first.Name} rewound and streaming from {second.Name} in {S(rejoin.Elapsed)}");
        Assert.Equal("off", await first.ScalarAsync<string>("show default_transaction_read_only"));
        Assert.Equal(AsReplica, await AnswersAsync(first));
        Assert.Equal(200, await host.AskAsync(first, "/replica?lag=" + LagBound));

        // And back, so the fixture ends as it began.
        await host.ResetAsync();
        Assert.Equal(AsPrimary, await AnswersAsync(first));
        Assert.Equal(AsReplica, await AnswersAsync(second));
    }

    [RehearsalFact]
    public async Task The_lag_bound_fails_a_replica_whose_replay_is_paused_and_passes_it_once_it_catches_up()
    {
        await host.ResetAsync();
        var (primary, replica) = (host.First, host.Second);
        Assert.Equal(200, await host.AskAsync(replica, "/replica?lag=" + LagBound));

        await PostgresCluster.PauseReplayAsync(replica);
        var written = await PostgresCluster.WriteWalAsync(primary, 2 * LagBound);
        var lag = await replica.LagBytesAsync();
        output.WriteLine($"replay paused on {replica.Name}, {written} bytes of WAL written on {primary.Name}: lag {lag} bytes (bound {LagBound})");
        Assert.True(lag > LagBound, "lag " + lag + " is not over " + LagBound);
        Assert.Equal(503, await host.AskAsync(replica, "/replica?lag=" + LagBound));
        Assert.Equal(200, await host.AskAsync(replica, "/replica?lag=" + (lag + LagBound)));
        Assert.Equal(200, await host.AskAsync(replica, "/replica"));

        var clock = Stopwatch.StartNew();
        await PostgresCluster.ResumeReplayAsync(replica);
        await PostgresCluster.WaitAsync(async () => await host.AskAsync(replica, "/replica?lag=" + LagBound) == 200, TimeSpan.FromSeconds(10), replica + " did not pass the lag check again");
        output.WriteLine($"replay resumed: /replica?lag={LagBound} answered 200 again after {S(clock.Elapsed)}");
    }

    [RehearsalFact]
    public async Task Writes_commit_only_where_the_server_is_not_in_recovery_and_replicate()
    {
        await host.ResetAsync();
        var (primary, replica) = (host.First, host.Second);
        var clock = Stopwatch.StartNew();
        using var toPrimary = WriterLoop.Start(host.Peer, primary.Endpoint, Rehearsal.PostgreSqlUser, clock, firstSeq: Seq());
        using var toReplica = WriterLoop.Start(host.Peer, replica.Endpoint, Rehearsal.PostgreSqlUser, clock, firstSeq: Seq() + 500_000);
        await Task.Delay(1000);
        var (onPrimary, onReplica) = (toPrimary.Stop(), toReplica.Stop());
        output.WriteLine("to " + primary + ": " + WriterLoop.Describe(onPrimary, TimeSpan.Zero, clock.Elapsed));
        output.WriteLine("to " + replica + ": " + WriterLoop.Describe(onReplica, TimeSpan.Zero, clock.Elapsed));

        Assert.True(onPrimary.Count >= 10, "only " + onPrimary.Count + " writes in a second");
        Assert.All(onPrimary, a => Assert.True(a.Committed && a.Node == primary.Address && a.InRecovery == false, a.ToString()));
        Assert.True(onReplica.Count >= 10, "only " + onReplica.Count + " writes in a second");
        Assert.All(onReplica, a => Assert.True(!a.Committed && a.Error!.Contains("read-only transaction", StringComparison.Ordinal), a.ToString()));

        await host.Cluster.WaitCaughtUpAsync(replica, TimeSpan.FromSeconds(10));
        var replicated = await PostgresCluster.WritesAsync(replica);
        Assert.All(onPrimary, a => Assert.True(replicated.TryGetValue(a.Seq, out var row) && row.Node == primary.Address && !row.InRecovery, "not replicated: " + a));
    }

    private static long Seq() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond * 1000;

    /// <summary>/primary, /read-write, /replica, /health, in that order.</summary>
    private async Task<int[]> AnswersAsync(ClusterMember member) =>
        [await host.AskAsync(member, "/primary"), await host.AskAsync(member, "/read-write"), await host.AskAsync(member, "/replica"), await host.AskAsync(member, "/health")];

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
