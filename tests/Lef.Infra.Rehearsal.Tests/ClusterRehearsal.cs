using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>A server's state change as HAProxy's stats socket showed it, on the rehearsal's clock.</summary>
internal sealed record ServerChange(TimeSpan At, string Backend, string Server, bool Up);

/// <summary>A node of a rehearsed cluster, as HAProxy's listen sections know it: its server name and address.</summary>
internal interface IClusterNode
{
    string Name { get; }

    string Address { get; }
}

/// <summary>
/// A database cluster behind one proxy host, on three network namespaces wired with veth pairs:
/// <code>
///   client eth0 198.18.0.10 ── ens18 198.18.0.2 + VIP aliases ens18:n   proxy (HAProxy, the emitted haproxy.cfg)
///   proxy  ens19 198.18.1.1 ── eth0 198.18.1.5 + 198.18.1.6             db    (PostgreSQL primary and streaming replica,
///                                                                              each with its role responder on :8008)
///   client eth1 198.18.2.10 ── eth0 198.18.2.53                         dns   (named, the emitted db.lef zone, for verify)
/// </code>
/// The topology is <c>RehearsalClusterTopology/</c>: one cluster, a write endpoint (orders, the primary role) and a read
/// endpoint (reports, a replica within 1 MiB). HAProxy runs from the emitted file, its aliases brought up by ifup from the
/// emitted interfaces file, as on the real proxy host; named serves the emitted zone so that the real <c>verify</c> runs; no
/// ssh (the single-host rehearsal covers apply). What
/// runs on the db host is the subclass's: role responders (<see cref="ClusterRehearsal"/>) or Patroni itself
/// (<see cref="PatroniRehearsal"/>).
/// </summary>
public abstract partial class ClusterRehearsalBase : IAsyncLifetime
{
    public const string ClientAddress = "198.18.0.10";
    public const string NameServerAddress = "198.18.2.53";
    public const string ProxyAddress = "198.18.0.2";
    public const string FirstAddress = "198.18.1.5";
    public const string SecondAddress = "198.18.1.6";
    public const string WriteListen = "orders-5432";
    public const string ReadListen = "reports-5432";

    private static int counter;

    /// <summary>What setting up started, undone last first at teardown.</summary>
    protected readonly List<IDisposable> teardown = [];
    private readonly List<ServerChange> changes = [];
    private CancellationTokenSource? watching;
    private Task? watcher;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lef-rehearsal-" + Environment.ProcessId + "-cluster-proxy" + Interlocked.Increment(ref counter));

    /// <summary>The rehearsal's own folder for what runs on the db host.</summary>
    protected string DbDirectory => Path.Combine(Directory, "db");

    public string DeployDirectory => Path.Combine(Directory, "deploy");

    public string HaproxyConfig => Path.Combine(DeployDirectory, "hosts", Rehearsal.ProxyHost, "haproxy", "haproxy.cfg");

    public string InterfacesFile => Path.Combine(DeployDirectory, "hosts", Rehearsal.ProxyHost, "network", "interfaces.d", "lef-ens18");

    /// <summary>The rehearsal's clock: every timestamp (writes, state changes, switchover steps) is read from it.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    internal NetworkNamespace Proxy { get; private set; } = null!;

    internal NetworkNamespace Db { get; private set; } = null!;

    internal NetworkNamespace Client { get; private set; } = null!;

    internal NetworkNamespace Dns { get; private set; } = null!;

    /// <summary>The compiled rehearsal topology: what verify reads.</summary>
    internal TopologySources Topology { get; private set; } = null!;

    internal BackgroundProcess Haproxy { get; private set; } = null!;

    /// <summary>HAProxy's tcplog lines (its <c>log /dev/log</c>, inside its chroot).</summary>
    internal HaproxyLog Log { get; private set; } = null!;

    internal HaproxyStats Stats => new(Path.Combine(Directory, "run", "haproxy", "admin.sock"));

    /// <summary>The write endpoint's timing, from its own listen section.</summary>
    internal HaproxyTimers WriteTimers { get; private set; } = null!;

    /// <summary>The read endpoint's timing, from its own listen section.</summary>
    internal HaproxyTimers ReadTimers { get; private set; } = null!;

    /// <summary>The emitted server name (per listen section) of each cluster member.</summary>
    internal IReadOnlyDictionary<string, string> WriteServers { get; private set; } = new Dictionary<string, string>();

    internal IReadOnlyDictionary<string, string> ReadServers { get; private set; } = new Dictionary<string, string>();

    public IPEndPoint Orders { get; private set; } = null!;

    public IPEndPoint Reports { get; private set; } = null!;

    /// <summary>Every state change seen on the stats socket (polled every 25 ms), oldest first.</summary>
    internal IReadOnlyList<ServerChange> Changes
    {
        get
        {
            lock (changes)
            {
                return changes.ToArray();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (Rehearsal.SkipReason is not null)
        {
            return;
        }

        Assert.True(Environment.IsPrivilegedProcess, "The cluster rehearsal needs root: network namespaces, ifup, PostgreSQL as postgres.");
        try
        {
            await SetUpAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (watching is not null)
        {
            await watching.CancelAsync();
            await (watcher ?? Task.CompletedTask);
        }

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
        if (failures.Count > 0)
        {
            throw new AggregateException("cluster rehearsal teardown", failures);
        }
    }

    /// <summary>The HAProxy server name a member has in a listen section.</summary>
    internal string ServerName(IClusterNode member, bool write) =>
        (write ? WriteServers : ReadServers).Single(s => s.Value == member.Address).Key;

    /// <summary>The first change at or after <paramref name="after"/> that takes a member up or down in a listen section; null when none was seen.</summary>
    internal ServerChange? FirstChange(string listen, IClusterNode member, bool up, TimeSpan after) =>
        Changes.FirstOrDefault(c => c.Backend == listen && c.Server == ServerName(member, listen == WriteListen) && c.Up == up && c.At >= after);

    /// <summary>
    /// Waits for the watcher to see a member go up (or down) in a listen section at or after <paramref name="after"/>; the
    /// change, or null when none came within <paramref name="timeout"/>.
    /// </summary>
    internal async Task<ServerChange?> ChangeAsync(string listen, IClusterNode member, bool up, TimeSpan after, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (FirstChange(listen, member, up, after) is { } change)
            {
                return change;
            }

            await Task.Delay(20);
        }

        return FirstChange(listen, member, up, after);
    }

    /// <summary>Waits until a member is up (or down) in a listen section, as the stats socket shows it.</summary>
    internal async Task WaitForServerAsync(string listen, IClusterNode member, bool up, TimeSpan timeout)
    {
        var name = ServerName(member, listen == WriteListen);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ServerState> states = [];
        while (clock.Elapsed < timeout)
        {
            states = await Stats.ServersAsync();
            if (states.SingleOrDefault(s => s.Backend == listen && s.Server == name) is { } state && state.IsUp == up)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{listen}/{name} ({member}) not {(up ? "up" : "down")} after {timeout}: " + string.Join("; ", states) + "\nHAProxy:\n" + Haproxy.Output);
    }

    /// <summary>
    /// The real <c>lef-infra verify</c>, run as its own process on the client host, for the cluster topology, through the
    /// rehearsal's named and with the role check (<c>--pg-user</c>: psql through each VIP asks pg_is_in_recovery()).
    /// </summary>
    public Task<ToolResult> VerifyAsync(params string[] arguments) =>
        Client.TryRunAsync([Rehearsal.DotnetHost, Path.Combine(AppContext.BaseDirectory, "lef-infra.dll"), "verify", "--topology", Topology.Directory,
            "--dns-server", NameServerAddress, "--pg-user", Rehearsal.PostgreSqlUser, .. arguments]);

    /// <summary>Waits until HAProxy routes writes to <paramref name="primary"/> only and reads to <paramref name="replica"/> only.</summary>
    internal async Task WaitForRolesAsync(IClusterNode primary, IClusterNode replica)
    {
        var settle = WriteTimers.UpWindow + WriteTimers.DownWindow;
        await WaitForServerAsync(WriteListen, primary, up: true, settle);
        await WaitForServerAsync(WriteListen, replica, up: false, settle);
        await WaitForServerAsync(ReadListen, replica, up: true, settle);
        await WaitForServerAsync(ReadListen, primary, up: false, settle);
    }

    /// <summary>Starts the cluster on the db host (whose eth0 has both addresses), its nodes named as the write listen's servers.</summary>
    protected abstract Task StartClusterAsync(IReadOnlyList<(string Name, string Address)> nodes);

    /// <summary>Back to the starting shape once HAProxy runs: the first node the primary, the second its caught-up replica.</summary>
    protected abstract Task ResetClusterAsync();

    private async Task SetUpAsync()
    {
        await NetworkNamespace.RemoveLeftoversAsync();
        System.IO.Directory.CreateDirectory(Directory);
        teardown.Add(new Removal(Directory));

        Topology = TopologySources.Compile(System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RehearsalClusterTopology"), "*.cs")
            .ToDictionary(f => new FileInfo(f).Name, File.ReadAllText));
        teardown.Add(Topology);
        using (var stdout = new StringWriter())
        using (var stderr = new StringWriter())
        {
            var exit = Cli.Run(["emit", "--topology", Topology.Directory, "--out", DeployDirectory], stdout, stderr);
            Assert.True(exit == Cli.Ok, "the emitter refused the cluster rehearsal topology: " + stderr);
        }

        var config = File.ReadAllText(HaproxyConfig);
        WriteTimers = HaproxyTimers.ParseListen(config, WriteListen);
        ReadTimers = HaproxyTimers.ParseListen(config, ReadListen);
        WriteServers = HaproxyTimers.Servers(config, WriteListen);
        ReadServers = HaproxyTimers.Servers(config, ReadListen);
        Orders = Bind(config, WriteListen);
        Reports = Bind(config, ReadListen);
        foreach (var servers in new[] { WriteServers, ReadServers })
        {
            Assert.True(servers.Values.Order(StringComparer.Ordinal).SequenceEqual([FirstAddress, SecondAddress]), "the emitted servers are not the cluster's nodes: " + string.Join(", ", servers));
        }

        Proxy = await Host("proxy");
        Db = await Host("db");
        Client = await Host("client");
        Dns = await Host("dns");
        await NetworkNamespace.LinkAsync(Proxy, "ens18", Client, "eth0");
        await NetworkNamespace.LinkAsync(Client, "eth1", Dns, "eth0");
        await Client.AddressAsync("eth1", "198.18.2.10/24");
        await Dns.AddressAsync("eth0", NameServerAddress + "/24");
        await NetworkNamespace.LinkAsync(Proxy, "ens19", Db, "eth0");
        await Proxy.AddressAsync("ens18", ProxyAddress + "/24");
        await Proxy.AddressAsync("ens19", Rehearsal.ProxyBackendAddress + "/24");
        await Client.AddressAsync("eth0", ClientAddress + "/24");
        await Db.AddressAsync("eth0", FirstAddress + "/24");
        await Db.AddressAsync("eth0", SecondAddress + "/24");

        await StartClusterAsync([(WriteServers.Single(s => s.Value == FirstAddress).Key, FirstAddress), (WriteServers.Single(s => s.Value == SecondAddress).Key, SecondAddress)]);

        // The emitted zone, served as it is (no views declared: one db.lef zone), for verify's name checks.
        var zone = Path.Combine(DeployDirectory, "dns", "db.lef.zone");
        Assert.True(File.Exists(zone), "the emitter wrote no " + zone);
        teardown.Add(await NamedServer.StartAsync(Path.Combine(Directory, "named"), new IPEndPoint(IPAddress.Parse(NameServerAddress), 53), "zone \"db.lef\" { type master; file \"" + zone + "\"; };", Dns.Exec));

        await StartHaproxyAsync();
        watching = new CancellationTokenSource();
        watcher = WatchAsync(watching.Token);
        await ResetClusterAsync();
    }

    /// <summary>
    /// The proxy host's HAProxy: in a mount namespace where /run is the rehearsal's folder, /var/lib/haproxy its chroot,
    /// /etc/haproxy and /etc/network tmpfs with the emitted files copied in; <c>ifup</c> brings up every alias of the
    /// emitted interfaces file, <c>haproxy -c</c> checks the config, then HAProxy runs in the foreground.
    /// </summary>
    private async Task StartHaproxyAsync()
    {
        var run = Path.Combine(Directory, "run");
        var chroot = Path.Combine(Directory, "chroot");
        System.IO.Directory.CreateDirectory(Path.Combine(run, "haproxy"));
        System.IO.Directory.CreateDirectory(chroot);
        Log = new HaproxyLog(chroot);
        teardown.Add(Log);
        var aliases = string.Join(' ', AutoLine().Matches(File.ReadAllText(InterfacesFile)).Select(m => m.Groups[1].Value));
        Assert.NotEmpty(aliases);
        const string Script = """
            set -e
            mount --bind "$1" /run
            mount -t tmpfs tmpfs /var/lib && mkdir /var/lib/haproxy && mount --bind "$2" /var/lib/haproxy
            mount -t tmpfs tmpfs /etc/haproxy && cp "$3" /etc/haproxy/haproxy.cfg
            mount -t tmpfs tmpfs /etc/network
            mkdir -p /etc/network/interfaces.d /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d /run/haproxy /run/network
            printf 'source-directory /etc/network/interfaces.d\n' > /etc/network/interfaces
            cp "$4" /etc/network/interfaces.d/lef-ens18
            for alias in $5; do ifup "$alias"; done
            haproxy -c -q -f /etc/haproxy/haproxy.cfg
            exec haproxy -db -f /etc/haproxy/haproxy.cfg
            """;
        Haproxy = BackgroundProcess.Start("ip", [.. Proxy.Exec[1..], "sh", "-c", Script, "cluster-proxy", run, chroot, HaproxyConfig, InterfacesFile, aliases]);
        teardown.Add(Haproxy);
        var socket = Path.Combine(run, "haproxy", "admin.sock");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            Assert.True(!Haproxy.HasExited && clock.Elapsed < TimeSpan.FromSeconds(20), "HAProxy did not start: " + Haproxy.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>Polls the stats socket and records every change of a server's up/down state.</summary>
    private async Task WatchAsync(CancellationToken stop)
    {
        var last = new Dictionary<(string, string), bool>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var at = Clock.Elapsed;
                foreach (var state in await Stats.ServersAsync())
                {
                    if (!last.TryGetValue((state.Backend, state.Server), out var up) || up != state.IsUp)
                    {
                        last[(state.Backend, state.Server)] = state.IsUp;
                        lock (changes)
                        {
                            changes.Add(new ServerChange(at, state.Backend, state.Server, state.IsUp));
                        }
                    }
                }

            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
            {
                // HAProxy starting or gone: try again.
            }

            try
            {
                await Task.Delay(25, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static IPEndPoint Bind(string config, string listen)
    {
        var section = HaproxyTimers.Section(config, "listen " + listen) ?? throw new FormatException("no listen " + listen);
        var bind = BindLine().Match(section);
        Assert.True(bind.Success, "listen " + listen + " has no bind line:\n" + section);
        return IPEndPoint.Parse(bind.Groups[1].Value);
    }

    private async Task<NetworkNamespace> Host(string role)
    {
        var host = await NetworkNamespace.CreateAsync(role);
        teardown.Add(host);
        return host;
    }

    [GeneratedRegex(@"^auto (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AutoLine();

    [GeneratedRegex(@"^\s*bind (\S+:\d+)", RegexOptions.Multiline)]
    private static partial Regex BindLine();

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

/// <summary>The cluster rehearsal with a role responder per node (<see cref="PostgresCluster"/>): every step of a switchover is the test's.</summary>
public sealed class ClusterRehearsal : ClusterRehearsalBase
{
    internal PostgresCluster Cluster { get; private set; } = null!;

    internal ClusterMember First => Cluster.Members.Single(m => m.Address == FirstAddress);

    internal ClusterMember Second => Cluster.Members.Single(m => m.Address == SecondAddress);

    /// <summary>
    /// The starting shape: db-1 the primary, db-2 its caught-up replica, nothing fenced or paused; HAProxy routing writes to
    /// db-1 and reads to db-2, every other server down in its section.
    /// </summary>
    internal async Task ResetAsync()
    {
        await Cluster.RestoreAsync(First);
        await WaitForRolesAsync(First, Second);
    }

    protected override async Task StartClusterAsync(IReadOnlyList<(string Name, string Address)> nodes)
    {
        Cluster = await PostgresCluster.StartAsync(Db, DbDirectory, nodes);
        teardown.Add(Cluster);
        await PostgresCluster.CreateWritesTableAsync(First, Rehearsal.PostgreSqlUser);
    }

    protected override Task ResetClusterAsync() => ResetAsync();
}
