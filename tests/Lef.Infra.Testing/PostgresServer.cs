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

    /// <summary>The running postmaster, or null when stopped.</summary>
    public BackgroundProcess? Process => server;

    public static string BinDirectory { get; } = FindBinDirectory();

    /// <summary>Creates the cluster. Every role is trusted from anywhere: it listens only on loopback or in a test's own namespace.</summary>
    public static async Task<PostgresServer> InitAsync(string directory, string listenAddress, int port, params string[] launcher)
    {
        var cluster = new PostgresServer(directory, launcher, listenAddress, port);
        System.IO.Directory.CreateDirectory(cluster.DataDirectory);
        System.IO.Directory.CreateDirectory(cluster.SocketDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            var chown = await Tool.RunAsync("chown", ["postgres:postgres", cluster.DataDirectory, cluster.SocketDirectory]);
            Assert.True(chown.ExitCode == 0, chown.Output);
        }

        string[] initdbCommand =
            [.. AsServerUser(Path.Combine(BinDirectory, "initdb")), "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"];
        var initdb = await Tool.RunAsync(initdbCommand[0], initdbCommand[1..]);
        Assert.True(initdb.ExitCode == 0, "initdb failed: " + initdb.Output);
        File.AppendAllText(Path.Combine(cluster.DataDirectory, "pg_hba.conf"), "\n# Test cluster: reachable only on loopback or inside the test's own network namespaces.\nhost all all 0.0.0.0/0 trust\n");
        return cluster;
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
        ];
        server = BackgroundProcess.Start(command[0], command[1..]);
        await server.WaitForOutputAsync("database system is ready to accept connections", TimeSpan.FromSeconds(30));
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
