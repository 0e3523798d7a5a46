using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// The runbook, replayed on four network namespaces wired with veth pairs:
/// <code>
///   client eth0 198.18.0.10 ── ens18 198.18.0.2 + VIP aliases ens18:n   proxy (HAProxy)
///   client eth1 198.18.2.10 ── eth0 198.18.2.53                         dns   (named, the emitted views and zones)
///   proxy  ens19 198.18.1.1 ── eth0 198.18.1.5                          db    (PostgreSQL :5432, TDS responder :1433)
/// </code>
/// Nothing connects them to the host's network. Everything is built from what the emitter wrote for the rehearsal
/// topology, and everything is torn down afterwards, also when setting up fails.
/// </summary>
public sealed partial class Rehearsal : IAsyncLifetime
{
    public const string ClientAddress = "198.18.0.10";
    public const string ProxyAddress = "198.18.0.2";
    public const string ProxyBackendAddress = "198.18.1.1";
    public const string DbAddress = "198.18.1.5";
    public const string NameServerAddress = "198.18.2.53";
    public const string ProxyHost = "proxy.rehearsal.lef";
    public const string PostgreSqlUser = "rehearsal";

    private static int counter;
    private readonly List<IDisposable> teardown = [];

    public bool IsRunning { get; private set; }

    internal NetworkNamespace Proxy { get; private set; } = null!;

    internal NetworkNamespace Db { get; private set; } = null!;

    internal NetworkNamespace Client { get; private set; } = null!;

    internal NetworkNamespace Dns { get; private set; } = null!;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lef-rehearsal-" + Environment.ProcessId + "-" + Interlocked.Increment(ref counter));

    public string DeployDirectory => Path.Combine(Directory, "deploy");

    public string HaproxyConfig => Path.Combine(DeployDirectory, "hosts", ProxyHost, "haproxy", "haproxy.cfg");

    public string InterfacesFile => Path.Combine(DeployDirectory, "hosts", ProxyHost, "network", "interfaces.d", "lef-ens18");

    public string IfupStateDirectory => Path.Combine(Directory, "ifstate");

    internal TopologySources Topology { get; private set; } = null!;

    internal HaproxyTimers Timers { get; private set; } = null!;

    /// <summary><c>ifup</c>'s output for each alias the emitted interfaces file declares.</summary>
    public IReadOnlyDictionary<string, ToolResult> Ifup { get; private set; } = new Dictionary<string, ToolResult>();

    public ToolResult HaproxyCheck { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public TdsPreloginResponder SqlServer { get; private set; } = null!;

    internal HaproxyLog Log { get; private set; } = null!;

    internal HaproxyStats Stats => new(Path.Combine(Directory, "run", "haproxy", "admin.sock"));

    internal BackgroundProcess Haproxy { get; private set; } = null!;

    /// <summary>Why the rehearsal cannot run here, or null. Under CI=true it always runs: the tests fail instead of skipping.</summary>
    public static string? SkipReason =>
        Environment.IsPrivilegedProcess || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : "the rehearsal needs root (network namespaces, ifup, PostgreSQL as postgres); CI=true runs it and fails instead of skipping";

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        Assert.True(Environment.IsPrivilegedProcess, "The rehearsal needs root: network namespaces, veth pairs, ifup and PostgreSQL as the postgres user.");
        try
        {
            await SetUpAsync();
            IsRunning = true;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        var failures = new List<Exception>();
        for (var i = teardown.Count - 1; i >= 0; i--)
        {
            try
            {
                teardown[i].Dispose();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        teardown.Clear();
        IsRunning = false;
        return failures.Count == 0 ? Task.CompletedTask : Task.FromException(new AggregateException("rehearsal teardown", failures));
    }

    /// <summary>Runs a command on the client host (resolv.conf points at the rehearsal's named).</summary>
    public Task<ToolResult> OnClientAsync(params string[] command) =>
        Client.TryRunAsync(command);

    /// <summary>The real <c>lef-infra verify</c>, run as its own process on the client host, for the rehearsal topology.</summary>
    public Task<ToolResult> VerifyAsync(params string[] arguments) =>
        OnClientAsync([DotnetHost, Path.Combine(AppContext.BaseDirectory, "lef-infra.dll"), "verify", "--topology", Topology.Directory, .. arguments]);

    /// <summary><c>psql</c> on the client host, by name through DNS and the VIP, as the rehearsal user.</summary>
    public Task<ToolResult> PsqlAsync(string host, string sql) =>
        OnClientAsync("psql", $"host={host} port=5432 user={PostgreSqlUser} dbname=postgres sslmode=disable connect_timeout=3", "-v", "ON_ERROR_STOP=1", "-tAc", sql);

    /// <summary>The VIP the emitted zone (any of them, with views) gives a name.</summary>
    public IPEndPoint Vip(string name, int port)
    {
        var zones = System.IO.Directory.GetFiles(Path.Combine(DeployDirectory, "dns"), "*.zone", SearchOption.AllDirectories);
        var record = zones.Select(z => Regex.Match(File.ReadAllText(z), "^" + Regex.Escape(name) + @" IN A (\S+)$", RegexOptions.Multiline)).FirstOrDefault(m => m.Success);
        Assert.True(record is not null, name + " has no A record in " + string.Join(", ", zones));
        return new IPEndPoint(IPAddress.Parse(record.Groups[1].Value), port);
    }

    /// <summary>Waits until HAProxy's last check of every server passed (or, with <paramref name="up"/> false, until <paramref name="server"/> is down).</summary>
    internal async Task WaitForServersAsync(TimeSpan timeout, string? server = null, bool up = true)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ServerState> states = [];
        while (clock.Elapsed < timeout)
        {
            states = await Stats.ServersAsync();
            var watched = states.Where(s => server is null || s.Server == server).ToList();
            if (watched.Count > 0 && watched.All(s => up ? s.IsUp && s.LastCheckPassed : !s.IsUp))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"servers not {(up ? "up" : "down")} after {timeout}: " + string.Join("; ", states) + "\nHAProxy:\n" + Haproxy.Output);
    }

    private static string DotnetHost =>
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet")) is var beside && File.Exists(beside)
            ? beside
            : Tool.Require("dotnet");

    private async Task SetUpAsync()
    {
        await NetworkNamespace.RemoveLeftoversAsync();
        RemoveLeftoverFolders();
        System.IO.Directory.CreateDirectory(Directory);
        teardown.Add(new FolderRemoval(Directory));

        Topology = TopologySources.Compile(System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RehearsalTopology"), "*.cs")
            .ToDictionary(f => new FileInfo(f).Name, File.ReadAllText));
        teardown.Add(Topology);
        using (var stdout = new StringWriter())
        using (var stderr = new StringWriter())
        {
            var exit = Cli.Run(["emit", "--topology", Topology.Directory, "--out", DeployDirectory], stdout, stderr);
            Assert.True(exit == Cli.Ok, "the emitter refused the rehearsal topology: " + stderr);
        }

        Timers = HaproxyTimers.Parse(File.ReadAllText(HaproxyConfig));
        await WireAsync();
        await BringUpAliasesAsync();
        await StartDbAsync();
        await StartNamedAsync();
        await StartHaproxyAsync();
        await WaitForServersAsync(TimeSpan.FromSeconds(30));
    }

    private async Task WireAsync()
    {
        Proxy = await Host("proxy");
        Db = await Host("db");
        Client = await Host("client");
        Dns = await Host("dns");
        await NetworkNamespace.LinkAsync(Proxy, "ens18", Client, "eth0");
        await NetworkNamespace.LinkAsync(Proxy, "ens19", Db, "eth0");
        await NetworkNamespace.LinkAsync(Client, "eth1", Dns, "eth0");
        await Proxy.AddressAsync("ens18", ProxyAddress + "/24");
        await Proxy.AddressAsync("ens19", ProxyBackendAddress + "/24");
        await Client.AddressAsync("eth0", ClientAddress + "/24");
        await Client.AddressAsync("eth1", "198.18.2.10/24");
        await Db.AddressAsync("eth0", DbAddress + "/24");
        await Dns.AddressAsync("eth0", NameServerAddress + "/24");
        Client.UseNameServer(NameServerAddress);
    }

    private async Task<NetworkNamespace> Host(string role)
    {
        var host = await NetworkNamespace.CreateAsync(role);
        teardown.Add(host);
        return host;
    }

    /// <summary>The runbook's step 2: <c>ifup ens18:n</c> for every stanza, from the emitted file, state kept in the rehearsal's folder.</summary>
    private async Task BringUpAliasesAsync()
    {
        System.IO.Directory.CreateDirectory(IfupStateDirectory);
        var results = new Dictionary<string, ToolResult>(StringComparer.Ordinal);
        foreach (Match auto in AutoLine().Matches(File.ReadAllText(InterfacesFile)))
        {
            // --no-scripts: the host's if-up.d hooks (bind9's rndc reconfig, ...) belong to the host, not to the rehearsal.
            results[auto.Groups[1].Value] = await Proxy.TryRunAsync("ifup", "-v", "--no-scripts", "--state-dir", IfupStateDirectory, "-i", InterfacesFile, auto.Groups[1].Value);
        }

        Ifup = results;
        Assert.NotEmpty(results);
    }

    private async Task StartDbAsync()
    {
        Postgres = await PostgresServer.InitAsync(Path.Combine(Directory, "postgres"), DbAddress, 5432, Db.Exec);
        teardown.Add(Postgres);
        await Postgres.StartAsync();

        // The emitted check logs in as "haproxy" (option pgsql-check user haproxy); the rehearsal's client as "rehearsal".
        var roles = await Postgres.SqlAsync("create role haproxy login; create role " + PostgreSqlUser + " login;");
        Assert.True(roles.ExitCode == 0, roles.Output);

        var listener = Db.Socket();
        listener.Bind(new IPEndPoint(IPAddress.Parse(DbAddress), 1433));
        listener.Listen(64);
        SqlServer = new TdsPreloginResponder(listener);
        teardown.Add(SqlServer);
    }

    /// <summary>
    /// named on the dns host, with the emitted named.conf fragment included as it is: it names its zone files under
    /// /etc/bind/lef, so the emitted dns/ folder is mounted there, in named's private mount namespace only.
    /// </summary>
    private async Task StartNamedAsync()
    {
        var dns = Path.Combine(DeployDirectory, "dns");
        var fragment = System.IO.Directory.GetFiles(dns, "named.conf.lef-*").Order(StringComparer.Ordinal).FirstOrDefault();
        Assert.True(fragment is not null, "the emitter wrote no named.conf fragment under " + dns);
        const string MountLive = "mount -t tmpfs tmpfs /etc/bind && mkdir /etc/bind/lef && mount --bind \"$0\" /etc/bind/lef && exec \"$@\"";
        var include = "include \"/etc/bind/lef/" + Path.GetFileName(fragment) + "\";";
        teardown.Add(await NamedServer.StartAsync(
            Path.Combine(Directory, "named"), new IPEndPoint(IPAddress.Parse(NameServerAddress), 53), include, [.. Dns.Exec, "sh", "-c", MountLive, dns]));
    }

    /// <summary>
    /// <c>haproxy -c</c>, then HAProxy in the foreground on the proxy host. The emitted global section is kept as it is:
    /// inside ip netns exec's private mount namespace, the rehearsal's own folders are mounted on /run (stats socket) and
    /// on /var/lib/haproxy (chroot, with dev/log as the log socket), so the host's are never touched.
    /// </summary>
    private async Task StartHaproxyAsync()
    {
        var run = Path.Combine(Directory, "run");
        var chroot = Path.Combine(Directory, "chroot");
        System.IO.Directory.CreateDirectory(Path.Combine(run, "haproxy"));
        System.IO.Directory.CreateDirectory(chroot);
        Log = new HaproxyLog(chroot);
        teardown.Add(Log);

        HaproxyCheck = await Proxy.TryRunAsync("haproxy", "-c", "-f", HaproxyConfig);
        Assert.True(HaproxyCheck.ExitCode == 0, "haproxy -c rejected the emitted config: " + HaproxyCheck.Output);

        const string Script = "mount --bind \"$1\" /run && mount --bind \"$2\" /var/lib/haproxy && exec haproxy -db -f \"$3\"";
        Haproxy = BackgroundProcess.Start("ip", [.. Proxy.Exec[1..], "sh", "-c", Script, "haproxy", run, chroot, HaproxyConfig]);
        teardown.Add(Haproxy);
        var socket = Path.Combine(run, "haproxy", "admin.sock");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            Assert.True(!Haproxy.HasExited && clock.Elapsed < TimeSpan.FromSeconds(20), "HAProxy did not start: " + Haproxy.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>Folders of rehearsals whose test process is gone (killed before its teardown ran).</summary>
    private static void RemoveLeftoverFolders()
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), "lef-rehearsal-*"))
        {
            var owner = Path.GetFileName(folder).Split('-')[2];
            if (owner != Environment.ProcessId.ToString(CultureInfo.InvariantCulture) && !System.IO.Directory.Exists("/proc/" + owner))
            {
                new FolderRemoval(folder).Dispose();
            }
        }
    }

    [GeneratedRegex(@"^auto (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AutoLine();

    /// <summary>Removes the rehearsal's folder (PostgreSQL's files included) at teardown.</summary>
    private sealed class FolderRemoval(string path) : IDisposable
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
