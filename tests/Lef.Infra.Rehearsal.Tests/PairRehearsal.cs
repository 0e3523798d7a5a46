using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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

/// <summary>
/// A pair of proxies sharing a VIP through keepalived, on namespaces joined by a bridge:
/// <code>
///   proxy-a ens18 198.18.0.2 ─┐
///   proxy-b ens18 198.18.0.3 ─┤ br0 (the "lan" namespace)    keepalived + HAProxy on each proxy, from the emitted files
///   client  eth0  198.18.0.10 ┤
///   db      eth0  198.18.0.5 ─┘                               PostgreSQL :5432
///   client  eth1  198.18.2.10 ── eth0 198.18.2.53 dns         named, the emitted zone
/// </code>
/// Each proxy's files (haproxy.cfg, keepalived.conf, the sysctl file) are the emitter's, with ONE substitution, made
/// here and nowhere else: <c>vrrp_track_process</c> gets no process events outside the initial network namespace (the
/// kernel's proc connector only answers there), so inside a namespace it would never see HAProxy stop. The rehearsal
/// replaces it with a <c>vrrp_script</c> that checks HAProxy's master pid every second. Detecting a stopped HAProxy
/// therefore takes up to one second more here than on a real host; KeepalivedCheckTests checks the real file.
/// </summary>
public partial class PairRehearsal : IAsyncLifetime
{
    public const string ClientAddress = "198.18.0.10";
    public const string DbAddress = "198.18.0.5";
    public const string NameServerAddress = "198.18.2.53";
    public const string VipAddress = "198.18.0.101";

    /// <summary>The stand-in check's interval: what a stopped HAProxy costs here on top of keepalived's own timing.</summary>
    public static readonly TimeSpan StandInInterval = TimeSpan.FromSeconds(1);

    private static int counter;
    private readonly List<IDisposable> teardown = [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lef-rehearsal-" + Environment.ProcessId + "-pair" + Interlocked.Increment(ref counter));

    public string DeployDirectory => Path.Combine(Directory, "deploy");

    internal NetworkNamespace Lan { get; private set; } = null!;

    internal NetworkNamespace Client { get; private set; } = null!;

    internal PairNodeHost A { get; private set; } = null!;

    internal PairNodeHost B { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public IPEndPoint Orders => new(IPAddress.Parse(VipAddress), 5432);

    /// <summary>advert_int as emitted for the pair.</summary>
    public TimeSpan AdvertInterval { get; private set; }

    /// <summary>What keepalived waits without adverts before the backup takes over: 3 × advert_int + skew (RFC 5798, the backup's priority).</summary>
    public TimeSpan MasterDownInterval { get; private set; }

    /// <summary>The backup's skew time, (256 - priority) / 256 × advert_int: its wait after the master's priority-0 advert.</summary>
    public TimeSpan SkewTime { get; private set; }

    /// <summary>The pair's fail-back policy as the rehearsal topology declares it (a subclass may edit it).</summary>
    public string FailBackPolicy { get; private set; } = string.Empty;

    /// <summary>An edit of the rehearsal pair topology's files before it is emitted: none here.</summary>
    protected virtual string Edit(string file, string text) => text;

    public async Task InitializeAsync()
    {
        if (Rehearsal.SkipReason is not null)
        {
            return;
        }

        Assert.True(Environment.IsPrivilegedProcess, "The pair rehearsal needs root: network namespaces, a bridge, keepalived.");
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
        return failures.Count == 0 ? Task.CompletedTask : Task.FromException(new AggregateException("pair rehearsal teardown", failures));
    }

    /// <summary><c>psql</c> on the client host, by name through DNS and the VIP.</summary>
    public Task<ToolResult> PsqlAsync(string host, string sql) =>
        Client.TryRunAsync("psql", $"host={host} port=5432 user={Rehearsal.PostgreSqlUser} dbname=postgres sslmode=disable connect_timeout=3", "-v", "ON_ERROR_STOP=1", "-tAc", sql);

    /// <summary>The ssh config the tool is given: both nodes, the generated key and known_hosts (StrictHostKeyChecking stays on).</summary>
    public string SshConfig => Path.Combine(Directory, "ssh", "config");

    /// <summary>The real <c>lef-infra</c> apply (or plan, status), run on the client host, over ssh to both nodes.</summary>
    public Task<ToolResult> ApplyToolAsync(string command, string deploy, params string[] arguments) =>
        Client.TryRunAsync([Rehearsal.DotnetHost, Path.Combine(AppContext.BaseDirectory, "lef-infra.dll"), command, "--deploy", deploy, "--ssh-config", SshConfig, .. arguments]);

    /// <summary>
    /// The pair topology with <paramref name="edit"/> applied to its files, emitted to a folder of its own, without deploy/dns/:
    /// the pair's own files are what a rolling apply is about, and the rehearsal's named is not an apply target.
    /// </summary>
    public string EmitProxiesOnly(string name, Func<string, string, string> edit)
    {
        var target = Path.Combine(Directory, name);
        using var variant = TopologySources.Compile(System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RehearsalPairTopology"), "*.cs")
            .ToDictionary(f => new FileInfo(f).Name, f => edit(new FileInfo(f).Name, File.ReadAllText(f))));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.True(Cli.Run(["emit", "--topology", variant.Directory, "--out", target], stdout, stderr) == Cli.Ok, "the emitter refused " + name + ": " + stderr);
        System.IO.Directory.Delete(Path.Combine(target, "dns"), recursive: true);
        return target;
    }

    /// <summary>Cuts the node's cable: its bridge port goes down, and the node's ens18 loses carrier.</summary>
    internal Task<ToolResult> CableAsync(PairNodeHost node, bool connected) => Lan.RunAsync("ip", "link", "set", node.BridgePort, connected ? "up" : "down");

    private async Task SetUpAsync()
    {
        await NetworkNamespace.RemoveLeftoversAsync();
        System.IO.Directory.CreateDirectory(Directory);
        teardown.Add(new FolderRemoval(Directory));

        var topology = TopologySources.Compile(System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RehearsalPairTopology"), "*.cs")
            .ToDictionary(f => new FileInfo(f).Name, f => Edit(new FileInfo(f).Name, File.ReadAllText(f))));
        FailBackPolicy = Regex.Match(File.ReadAllText(Path.Combine(topology.Directory, "Pairs.cs")), @"FailBack: FailBack\.(\w+)").Groups[1].Value;
        teardown.Add(topology);
        using (var stdout = new StringWriter())
        using (var stderr = new StringWriter())
        {
            var exit = Cli.Run(["emit", "--topology", topology.Directory, "--out", DeployDirectory], stdout, stderr);
            Assert.True(exit == Cli.Ok, "the emitter refused the pair rehearsal topology: " + stderr);
        }

        Lan = await Host("lan");
        Client = await Host("client");
        var db = await Host("db");
        var dns = await Host("dns");
        await Lan.RunAsync("ip", "link", "add", "br0", "type", "bridge");
        await Lan.RunAsync("ip", "link", "set", "br0", "up");
        A = await NodeAsync("proxy-a.rehearsal.lef", "a", "198.18.0.2");
        B = await NodeAsync("proxy-b.rehearsal.lef", "b", "198.18.0.3");
        await PlugAsync(Client, "eth0", "pc", ClientAddress);
        await PlugAsync(db, "eth0", "pd", DbAddress);
        await NetworkNamespace.LinkAsync(Client, "eth1", dns, "eth0");
        await Client.AddressAsync("eth1", "198.18.2.10/24");
        await dns.AddressAsync("eth0", NameServerAddress + "/24");
        Client.UseNameServer(NameServerAddress);

        var keepalived = File.ReadAllText(A.EmittedKeepalived);
        AdvertInterval = TimeSpan.FromSeconds(double.Parse(Regex.Match(keepalived, @"advert_int (\S+)").Groups[1].Value, CultureInfo.InvariantCulture));
        var backupPriority = int.Parse(Regex.Match(File.ReadAllText(B.EmittedKeepalived), @"priority (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        SkewTime = AdvertInterval * ((256 - backupPriority) / 256.0);
        MasterDownInterval = (3 * AdvertInterval) + SkewTime;

        Postgres = await PostgresServer.InitAsync(Path.Combine(Directory, "postgres"), DbAddress, 5432, db.Exec);
        teardown.Add(Postgres);
        await Postgres.StartAsync();
        var roles = await Postgres.SqlAsync("create role haproxy login; create role " + Rehearsal.PostgreSqlUser + " login;");
        Assert.True(roles.ExitCode == 0, roles.Output);

        var named = await NamedServer.StartAsync(
            Path.Combine(Directory, "named"), new IPEndPoint(IPAddress.Parse(NameServerAddress), 53),
            "zone \"db.lef\" { type primary; file \"" + Path.Combine(DeployDirectory, "dns", "db.lef.zone") + "\"; };", dns.Exec);
        teardown.Add(named);

        await MakeKeysAsync();
        foreach (var node in new[] { A, B })
        {
            await node.StartAsync(Path.Combine(Directory, "ssh"));
        }

        await WaitAsync(async () => await A.HoldsVipAsync() && !await B.HoldsVipAsync(), TimeSpan.FromSeconds(20), "proxy-a never became master");
    }

    private async Task<NetworkNamespace> Host(string role)
    {
        var host = await NetworkNamespace.CreateAsync(role);
        teardown.Add(host);
        return host;
    }

    private async Task<PairNodeHost> NodeAsync(string host, string role, string address)
    {
        var node = new PairNodeHost(await Host("proxy-" + role), host, address, "p" + role, Path.Combine(DeployDirectory, "hosts", host), Path.Combine(Directory, "node-" + role));
        teardown.Add(node);
        await PlugAsync(node.Namespace, "ens18", node.BridgePort, address);

        // The emitted sysctl file, loaded as apply does: net.ipv4.ip_nonlocal_bind is per network namespace.
        await node.Namespace.RunAsync("sysctl", "-p", Path.Combine(node.Deploy, "sysctl.d", Lef.Infra.Emit.Writers.SysctlWriter.FileName));
        return node;
    }

    private async Task PlugAsync(NetworkNamespace host, string device, string port, string address)
    {
        await NetworkNamespace.LinkAsync(host, device, Lan, port);
        await Lan.RunAsync("ip", "link", "set", port, "master", "br0");
        await Lan.RunAsync("ip", "link", "set", port, "up");
        await host.AddressAsync(device, address + "/24");
    }

    private async Task MakeKeysAsync()
    {
        var ssh = Path.Combine(Directory, "ssh");
        System.IO.Directory.CreateDirectory(ssh);
        foreach (var key in new[] { "host_key", "client_key" })
        {
            var made = await Tool.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", key, "-f", Path.Combine(ssh, key)]);
            Assert.True(made.ExitCode == 0, "ssh-keygen: " + made.Output);
        }

        File.Copy(Path.Combine(ssh, "client_key.pub"), Path.Combine(ssh, "authorized_keys"));
        var hostKey = File.ReadAllText(Path.Combine(ssh, "host_key.pub")).Trim();
        File.WriteAllText(Path.Combine(ssh, "known_hosts"), string.Concat(new[] { A, B }.Select(n => n.Host + "," + n.Address + " " + hostKey + "\n")));
        File.WriteAllText(SshConfig, string.Concat(new[] { A, B }.Select(n => "Host " + n.Host + "\n    HostName " + n.Address + "\n")) + $$"""
            Host *
                User root
                IdentityFile {{Path.Combine(ssh, "client_key")}}
                IdentitiesOnly yes
                UserKnownHostsFile {{Path.Combine(ssh, "known_hosts")}}
                GlobalKnownHostsFile /dev/null
                StrictHostKeyChecking yes
                ConnectTimeout 5
                LogLevel ERROR

            """);
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, failure + " within " + timeout);
            await Task.Delay(20);
        }
    }

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
