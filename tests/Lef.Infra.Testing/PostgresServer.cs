using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Testing;

/// <summary>
/// A real PostgreSQL cluster in a temporary folder: initdb, then postgres in the foreground, optionally behind a launcher
/// such as <c>ip netns exec NAME</c>. Its socket and lock files stay in the folder, never in /run/postgresql. As root it
/// runs as the postgres user (the server refuses root).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string[] launcher;
    private readonly string listenAddress;
    private BackgroundProcess? server;

    private PostgresServer(string directory, string[] launcher, string listenAddress, int port)
    {
        Directory = directory;
        this.launcher = launcher;
        this.listenAddress = listenAddress;
        Port = port;
    }

    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>The folder holding the Unix socket: how the test administers the server whatever network it listens on.</summary>
    public string SocketDirectory => Path.Combine(Directory, "socket");

    public int Port { get; }

    /// <summary>More <c>-c name=value</c> settings for the next start.</summary>
    public List<string> Settings { get; } = [];

    /// <summary>The running postmaster, or null when stopped.</summary>
    public BackgroundProcess? Process => server;

    public static string BinDirectory { get; } = FindBinDirectory();

    /// <summary>Creates the cluster. Every role is trusted from anywhere: it listens only on loopback or in a test's own namespace.</summary>
    public static Task<PostgresServer> InitAsync(string directory, string listenAddress, int port, params string[] launcher) =>
        InitAsync(directory, listenAddress, port, dataChecksums: false, launcher);

    /// <summary>
    /// Creates the cluster; <paramref name="dataChecksums"/> (initdb --data-checksums) makes it one that pg_rewind can
    /// rewind after a failover. Replication connections are trusted too, so a replica can stream from it.
    /// </summary>
    public static async Task<PostgresServer> InitAsync(string directory, string listenAddress, int port, bool dataChecksums, string[] launcher)
    {
        var cluster = await CreateFoldersAsync(directory, launcher, listenAddress, port);
        string[] initdbCommand =
        [
            .. AsServerUser(Path.Combine(BinDirectory, "initdb")), "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C",
            .. dataChecksums ? ["--data-checksums"] : Array.Empty<string>(),
        ];
        var initdb = await Tool.RunAsync(initdbCommand[0], initdbCommand[1..]);
        Assert.True(initdb.ExitCode == 0, "initdb failed: " + initdb.Output);
        File.AppendAllText(Path.Combine(cluster.DataDirectory, "pg_hba.conf"),
            "\n# Test cluster: reachable only on loopback or inside the test's own network namespaces.\nhost all all 0.0.0.0/0 trust\nhost replication all 0.0.0.0/0 trust\n");
        return cluster;
    }

    /// <summary>
    /// A streaming replica of <paramref name="source"/>: <c>pg_basebackup -R</c> over TCP from <paramref name="sourceAddress"/>
    /// (run behind <paramref name="launcher"/>, so from the replica's own host), which writes standby.signal and primary_conninfo.
    /// </summary>
    public static async Task<PostgresServer> BaseBackupAsync(PostgresServer source, string sourceAddress, string directory, string listenAddress, int port, string[] launcher)
    {
        var replica = await CreateFoldersAsync(directory, launcher, listenAddress, port);
        var backup = await replica.RunAsServerUserAsync(
            Path.Combine(BinDirectory, "pg_basebackup"), "-h", sourceAddress, "-p", source.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-D", replica.DataDirectory, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync");
        Assert.True(backup.ExitCode == 0, "pg_basebackup failed: " + backup.Output);
        return replica;
    }

    /// <summary>
    /// Makes this (stopped) former primary a replica of <paramref name="source"/>: <c>pg_rewind</c> onto the source's timeline
    /// (over the source's Unix socket), then standby.signal and a postgresql.auto.conf that streams from <paramref name="sourceAddress"/>
    /// and holds nothing else (pg_rewind copies the source's, whose primary_conninfo may point at this server).
    /// </summary>
    public async Task RewindAsync(PostgresServer source, string sourceAddress)
    {
        Assert.True(server is null || server.HasExited, "pg_rewind needs the target stopped");
        var rewind = await RunAsServerUserAsync(
            Path.Combine(BinDirectory, "pg_rewind"), "-D", DataDirectory, "--no-sync",
            "--source-server=host=" + source.SocketDirectory + " port=" + source.Port.ToString(CultureInfo.InvariantCulture) + " user=postgres dbname=postgres");
        Assert.True(rewind.ExitCode == 0, "pg_rewind failed: " + rewind.Output);
        FollowAs(sourceAddress, source.Port);
    }

    /// <summary>standby.signal and primary_conninfo (the only line of postgresql.auto.conf): the next start is a replica.</summary>
    public void FollowAs(string sourceAddress, int sourcePort)
    {
        File.WriteAllText(Path.Combine(DataDirectory, "postgresql.auto.conf"),
            "# Written by the test: stream from the current primary.\nprimary_conninfo = 'host=" + sourceAddress + " port=" + sourcePort.ToString(CultureInfo.InvariantCulture) + " user=postgres'\n");
        File.WriteAllText(Path.Combine(DataDirectory, "standby.signal"), string.Empty);
        if (Environment.IsPrivilegedProcess)
        {
            Tool.Run("chown", "postgres:postgres", Path.Combine(DataDirectory, "postgresql.auto.conf"), Path.Combine(DataDirectory, "standby.signal"));
        }
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        Assert.True(server is null || server.HasExited, "PostgreSQL is already running");
        server?.Dispose();
        string[] command =
        [
            .. launcher, .. AsServerUser(Path.Combine(BinDirectory, "postgres")), "-D", DataDirectory, "-k", SocketDirectory,
            "-p", Port.ToString(CultureInfo.InvariantCulture), "-c", "listen_addresses=" + listenAddress, "-c", "fsync=off", "-c", "log_connections=on",
            .. Settings.SelectMany(setting => new[] { "-c", setting }),
        ];
        server = BackgroundProcess.Start(command[0], command[1..]);

        // A primary says "ready to accept connections", a hot standby "ready to accept read-only connections".
        await server.WaitForOutputAsync("database system is ready to accept", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Smart shutdown (SIGTERM): no new sessions, open ones keep running. Then only the proxy can cut an open session, which
    /// is what the fail-closed rehearsal must observe.
    /// </summary>
    public void BeginSmartShutdown() => Running.Signal(Signals.Terminate);

    /// <summary>Fast shutdown (SIGINT): ends every session and stops; true when the postmaster exited in time.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        Running.Signal(Signals.Interrupt);
        return await Running.WaitForExitAsync(timeout);
    }

    /// <summary>Runs SQL as the postgres superuser over the Unix socket.</summary>
    public Task<ToolResult> SqlAsync(string sql) =>
        Tool.RunAsync("psql", ["-h", SocketDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-tAc", sql]);

    public void Dispose()
    {
        server?.Dispose();
        server = null;
    }

    private static async Task<PostgresServer> CreateFoldersAsync(string directory, string[] launcher, string listenAddress, int port)
    {
        var cluster = new PostgresServer(directory, launcher, listenAddress, port);
        System.IO.Directory.CreateDirectory(cluster.DataDirectory);
        System.IO.Directory.CreateDirectory(cluster.SocketDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            var chown = await Tool.RunAsync("chown", ["postgres:postgres", cluster.DataDirectory, cluster.SocketDirectory]);
            Assert.True(chown.ExitCode == 0, chown.Output);
            var mode = await Tool.RunAsync("chmod", ["700", cluster.DataDirectory]);
            Assert.True(mode.ExitCode == 0, mode.Output);
        }

        return cluster;
    }

    /// <summary>A PostgreSQL program as the server's user, behind the launcher (on the server's host).</summary>
    private Task<ToolResult> RunAsServerUserAsync(params string[] command)
    {
        string[] full = [.. launcher, .. AsServerUser(command[0]), .. command[1..]];
        return Tool.RunAsync(full[0], full[1..], TimeSpan.FromSeconds(60));
    }

    private BackgroundProcess Running => server ?? throw new InvalidOperationException("PostgreSQL is not running");

    /// <summary>The command, wrapped in setpriv when root: the server refuses to run as root.</summary>
    private static string[] AsServerUser(string command) =>
        Environment.IsPrivilegedProcess ? [Tool.Require("setpriv"), "--reuid", "postgres", "--regid", "postgres", "--init-groups", command] : [command];

    private static string FindBinDirectory()
    {
        var root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? "/usr/lib/postgresql/15/bin";
    }
}
