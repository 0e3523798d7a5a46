using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Npgsql;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>One node of a <see cref="PatroniCluster"/>: Patroni (its REST API on <c>address:8008</c>) and the PostgreSQL it runs.</summary>
internal sealed class PatroniNode(string name, string address, string directory, BackgroundProcess patroni) : IClusterNode, IDisposable
{
    private readonly NpgsqlDataSource admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
    {
        Host = Path.Combine(directory, "socket"),
        Port = 5432,
        Username = "postgres",
        Database = "postgres",
        Timeout = 2,
        CommandTimeout = 10,
        MaxPoolSize = 4,
    }.ConnectionString);

    public string Name { get; } = name;

    public string Address { get; } = address;

    public string Directory { get; } = directory;

    public string SocketDirectory => Path.Combine(Directory, "socket");

    public string ConfigFile => Path.Combine(Directory, "patroni.yml");

    public BackgroundProcess Patroni { get; } = patroni;

    public override string ToString() => Name + " (" + Address + ", Patroni)";

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var command = admin.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public async Task ExecAsync(string sql)
    {
        await using var command = admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Patroni.Dispose();
        admin.Dispose();
    }
}

/// <summary>
/// The real thing: Debian's <c>patroni</c> on each node and one <c>etcd</c> (Debian's <c>etcd-server</c>) as its DCS, all on
/// the rehearsal's db host. The first node bootstraps the cluster (initdb with data checksums, pg_rewind allowed), the
/// second joins it as a streaming replica; each node's REST API on <c>address:8008</c> is what HAProxy checks. Timing:
/// <c>loop_wait 1</c>, <c>ttl 20</c>, <c>retry_timeout 5</c> (Patroni's minimums are 1, 20 and 3). A switchover is
/// <c>patronictl switchover</c>: Patroni stops the old primary (fast shutdown) before it gives up the leader key, so its
/// sessions are ended by PostgreSQL, not by HAProxy (the responder's fence shows the other case).
/// </summary>
internal sealed class PatroniCluster : IDisposable
{
    public const string Scope = "orders";

    private readonly List<PatroniNode> nodes = [];
    private bool managementPaused;
    private string etcdDirectory = "";
    private BackgroundProcess? etcd;
    private bool etcdMounted;

    private PatroniCluster(NetworkNamespace host) => Host = host;

    public NetworkNamespace Host { get; }

    public IReadOnlyList<PatroniNode> Nodes => nodes;

    public static async Task<PatroniCluster> StartAsync(NetworkNamespace host, string directory, IReadOnlyList<(string Name, string Address)> members)
    {
        var cluster = new PatroniCluster(host);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            // etcd syncs every write to its disk, and a busy CI disk can stall it. A Patroni whose request to etcd times out
            // (about a third of retry_timeout) restarts its watch, and its reads fail while the watch cache is not ready again (up to
            // retry_timeout); a failed read makes Patroni pass a replica however far behind (PatroniFailoverRehearsalTests).
            // In memory, etcd has no disk to wait for; what a DCS failure does is tested on purpose.
            Rehearsal.RemoveLeftoverFolders();
            cluster.etcdDirectory = Path.Combine(directory, "etcd");
            System.IO.Directory.CreateDirectory(cluster.etcdDirectory);
            var mount = await Tool.RunAsync("mount", ["-t", "tmpfs", "-o", "size=512m,mode=0700", "tmpfs", cluster.etcdDirectory]);
            Assert.True(mount.ExitCode == 0, "cannot mount a tmpfs for etcd (the rehearsal runs as root): " + mount.Output);
            cluster.etcdMounted = true;
            await cluster.StartDcsAsync();

            foreach (var (name, address) in members)
            {
                var node = await cluster.StartNodeAsync(directory, name, address);
                var wanted = node == cluster.nodes[0] ? "/primary" : "/replica";
                await PostgresCluster.WaitAsync(async () => await cluster.AskAsync(node, wanted) == 200, TimeSpan.FromSeconds(60), node + " did not answer 200 on " + wanted + ":\n" + node.Patroni.Output);
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Asks a node's REST API from the db host as HAProxy does (<c>OPTIONS path HTTP/1.0</c>); the status, 0 when none.</summary>
    public Task<int> AskAsync(PatroniNode node, string path) =>
        RoleResponder.AskAsync(Host.Socket(), new IPEndPoint(IPAddress.Parse(node.Address), PostgresCluster.CheckPort), "OPTIONS", path, TimeSpan.FromSeconds(2));

    /// <summary>The node whose /primary answers 200, or null.</summary>
    public async Task<PatroniNode?> LeaderAsync()
    {
        foreach (var node in nodes)
        {
            if (await AskAsync(node, "/primary") == 200)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary><c>patronictl switchover --leader --candidate --force</c>; returns when patronictl does (the new leader promoted).</summary>
    public async Task<ToolResult> SwitchoverAsync(PatroniNode from, PatroniNode to)
    {
        var result = await Tool.RunAsync("ip", [.. Host.Exec[1..], Tool.Require("patronictl"), "-c", from.ConfigFile, "switchover", Scope, "--leader", from.Name, "--candidate", to.Name, "--force"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && result.Output.Contains("Successfully switched over", StringComparison.Ordinal), "patronictl switchover: " + result.Output);
        return result;
    }

    /// <summary>
    /// Patroni's maintenance mode (<c>patronictl pause --wait</c>). Out of it, Patroni resumes a paused WAL replay on
    /// PostgreSQL 14+ at its next loop ("Resuming paused WAL replay"), so a replica cannot be held behind on purpose.
    /// </summary>
    public async Task PauseManagementAsync()
    {
        var result = await Tool.RunAsync("ip", [.. Host.Exec[1..], Tool.Require("patronictl"), "-c", nodes[0].ConfigFile, "pause", Scope, "--wait"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, "patronictl pause: " + result.Output);
        managementPaused = true;
    }

    public async Task ResumeManagementAsync()
    {
        var result = await Tool.RunAsync("ip", [.. Host.Exec[1..], Tool.Require("patronictl"), "-c", nodes[0].ConfigFile, "resume", Scope, "--wait"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, "patronictl resume: " + result.Output);
        managementPaused = false;
    }

    /// <summary>
    /// Kills etcd (<c>SIGKILL</c>, as a crash) and waits until it is gone: every Patroni's DCS requests are refused until
    /// <see cref="StartDcsAsync"/>. In maintenance mode no Patroni acts on it (the leader keeps its role).
    /// </summary>
    public async Task StopDcsAsync()
    {
        var stopped = etcd!;
        stopped.Signal(Signals.Kill);
        var exited = await stopped.WaitForExitAsync(TimeSpan.FromSeconds(10));
        stopped.Dispose();
        etcd = null;
        Assert.True(exited, "etcd did not exit on SIGKILL");
    }

    /// <summary>Starts the one-member etcd on the db host's loopback, on its data directory (kept across a stop), and waits until it serves.</summary>
    public async Task StartDcsAsync()
    {
        Assert.Null(etcd);
        etcd = BackgroundProcess.Start("ip", [.. Host.Exec[1..], Tool.Require("etcd"),
            "--name", "rehearsal", "--data-dir", etcdDirectory,
            "--listen-client-urls", "http://127.0.0.1:2379", "--advertise-client-urls", "http://127.0.0.1:2379",
            "--listen-peer-urls", "http://127.0.0.1:2380", "--initial-advertise-peer-urls", "http://127.0.0.1:2380",
            "--initial-cluster", "rehearsal=http://127.0.0.1:2380"]);
        try
        {
            await etcd.WaitForOutputAsync("ready to serve client requests", TimeSpan.FromSeconds(20));
        }
        catch
        {
            // Gone, so that the next RestoreAsync starts it again.
            etcd.Dispose();
            etcd = null;
            throw;
        }
    }

    /// <summary>Makes <paramref name="leader"/> the leader (a switchover if needed) and waits until every other node is a streaming replica within 0 bytes.</summary>
    public async Task RestoreAsync(PatroniNode leader)
    {
        if (etcd is null)
        {
            await StartDcsAsync();
        }

        if (managementPaused)
        {
            await ResumeManagementAsync();
        }

        foreach (var node in nodes.Where(n => n != leader))
        {
            await node.ExecAsync("select pg_wal_replay_resume() where pg_is_in_recovery()");
        }

        var current = await LeaderAsync();
        if (current is not null && current != leader)
        {
            await PostgresCluster.WaitAsync(async () => await AskAsync(leader, "/replica") == 200, TimeSpan.FromSeconds(60), leader + " is no replica to switch over to");
            await SwitchoverAsync(current, leader);
        }

        await PostgresCluster.WaitAsync(async () => await AskAsync(leader, "/primary") == 200, TimeSpan.FromSeconds(60), leader + " is not the leader");
        foreach (var node in nodes.Where(n => n != leader))
        {
            await PostgresCluster.WaitAsync(
                async () => await AskAsync(node, "/replica") == 200
                    && await node.ScalarAsync<bool>("select coalesce((select status = 'streaming' from pg_stat_wal_receiver), false)")
                    && await AskAsync(node, "/replica?lag=0") == 200,
                TimeSpan.FromSeconds(60),
                node + " is not a caught-up streaming replica:\n" + node.Patroni.Output[^Math.Min(node.Patroni.Output.Length, 3000)..]);
        }
    }

    public void Dispose()
    {
        foreach (var node in Enumerable.Reverse(nodes))
        {
            node.Dispose();
        }

        etcd?.Dispose();
        etcd = null;
        if (etcdMounted && Tool.Run("umount", etcdDirectory).ExitCode != 0)
        {
            // Still busy: detached now, freed when its last user is gone, so the rehearsal's folder can be removed.
            Tool.Run("umount", "-l", etcdDirectory);
        }

        etcdMounted = false;
    }

    private async Task<PatroniNode> StartNodeAsync(string directory, string name, string address)
    {
        var folder = Path.Combine(directory, name);
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "socket"));
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "data"));
        var chown = await Tool.RunAsync("chown", ["-R", "postgres:postgres", folder]);
        Assert.True(chown.ExitCode == 0, chown.Output);
        var mode = await Tool.RunAsync("chmod", ["700", Path.Combine(folder, "data")]);
        Assert.True(mode.ExitCode == 0, mode.Output);
        var config = Path.Combine(folder, "patroni.yml");
        File.WriteAllText(config, $$"""
            # The rehearsal's Patroni node {{name}}: REST API on {{address}}:8008, PostgreSQL on {{address}}:5432, etcd on the db host's loopback.
            scope: {{Scope}}
            name: {{name}}
            restapi:
              listen: {{address}}:8008
              connect_address: {{address}}:8008
            etcd3:
              hosts: 127.0.0.1:2379
            bootstrap:
              dcs:
                ttl: 20
                loop_wait: 1
                retry_timeout: 5
                maximum_lag_on_failover: 1048576
                postgresql:
                  use_pg_rewind: true
                  parameters:
                    wal_keep_size: 128MB
                    wal_log_hints: "on"
              initdb:
                - encoding: UTF8
                - locale: C
                - data-checksums
            postgresql:
              listen: {{address}}:5432
              connect_address: {{address}}:5432
              data_dir: {{Path.Combine(folder, "data")}}
              bin_dir: {{PostgresServer.BinDirectory}}
              pgpass: {{Path.Combine(folder, "pgpass")}}
              authentication:
                superuser: {username: postgres, password: rehearsal}
                replication: {username: replicator, password: rehearsal}
              pg_hba:
                - local all all trust
                - host all all 0.0.0.0/0 trust
                - host replication all 0.0.0.0/0 trust
              parameters:
                unix_socket_directories: {{Path.Combine(folder, "socket")}}
                fsync: "off"
            """);
        Tool.Run("chown", "postgres:postgres", config);
        // Patroni runs as postgres in its own folder: started from the test's folder, inside a checkout postgres cannot
        // enter (a clone in a mktemp -d folder is 0700), it never answers at all.
        var patroni = BackgroundProcess.Start("ip", [.. Host.Exec[1..], Tool.Require("setpriv"), "--reuid", "postgres", "--regid", "postgres", "--init-groups",
            "sh", "-c", "cd \"$1\" && exec \"$2\" \"$3\"", "patroni-node", folder, Tool.Require("patroni"), config]);
        var node = new PatroniNode(name, address, folder, patroni);
        nodes.Add(node);
        return node;
    }
}
