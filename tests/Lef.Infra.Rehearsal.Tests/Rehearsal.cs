using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>ifupdown's state (/run/network on the proxy host, where the rehearsal's run folder is mounted).</summary>
    public string IfupStateDirectory => Path.Combine(Directory, "run", "network");

    /// <summary>The ssh config the tool is given (ssh -F): both hosts, the generated key, the generated known_hosts.</summary>
    public string SshConfig => Path.Combine(Directory, "ssh", "config");

    /// <summary>The proxy host's sshd: its mount namespace is the proxy host's file system (/etc/haproxy, /etc/network, /run, /var/lib).</summary>
    internal BackgroundProcess ProxyShell { get; private set; } = null!;

    /// <summary>The DNS host's sshd: its mount namespace holds /etc/bind (named.conf, rndc.key, lef/) and /var/lib.</summary>
    internal BackgroundProcess DnsShell { get; private set; } = null!;

    internal BackgroundProcess Named { get; private set; } = null!;

    internal TopologySources Topology { get; private set; } = null!;

    internal HaproxyTimers Timers { get; private set; } = null!;

    /// <summary><c>ifup</c>'s output for each alias the emitted interfaces file declares.</summary>
    public IReadOnlyDictionary<string, ToolResult> Ifup { get; private set; } = new Dictionary<string, ToolResult>();

    public ToolResult HaproxyCheck { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public TdsPreloginResponder SqlServer { get; private set; } = null!;

    /// <summary>A second SQL Server stand-in on db:1434: the backend an apply moves payroll to.</summary>
    public TdsPreloginResponder SecondSqlServer { get; set; } = null!;

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

    /// <summary>Runs a command on the proxy host as its sshd sees it (its network and its mounts).</summary>
    public Task<ToolResult> OnProxyAsync(params string[] command) =>
        Tool.RunAsync("nsenter", ["-t", ProxyShell.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", .. command], TimeSpan.FromSeconds(60));

    /// <summary>Runs a command on the DNS host as its sshd sees it.</summary>
    public Task<ToolResult> OnDnsAsync(params string[] command) =>
        Tool.RunAsync("nsenter", ["-t", DnsShell.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", .. command], TimeSpan.FromSeconds(60));

    /// <summary>The real <c>lef-infra</c> plan/apply/rollback/status/drain, run on the client host, over ssh to both hosts.</summary>
    public Task<ToolResult> ApplyToolAsync(string command, string deploy, params string[] arguments) =>
        OnClientAsync([DotnetHost, Path.Combine(AppContext.BaseDirectory, "lef-infra.dll"), command, "--deploy", deploy, "--ssh-config", SshConfig, .. arguments]);

    /// <summary>Emits a variant of the rehearsal topology (its files edited) into a copy of <paramref name="from"/>, so zone serials continue.</summary>
    public string EmitVariant(string name, string from, Func<string, string, string> edit)
    {
        var target = Path.Combine(Directory, name);
        CopyFolder(from, target);
        using var variant = TopologySources.Compile(System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "RehearsalTopology"), "*.cs")
            .ToDictionary(f => new FileInfo(f).Name, f => edit(new FileInfo(f).Name, File.ReadAllText(f))));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Cli.Run(["emit", "--topology", variant.Directory, "--out", target], stdout, stderr);
        Assert.True(exit == Cli.Ok, "the emitter refused the variant " + name + ": " + stderr);
        return target;
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
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

    /// <summary>The dotnet host that runs lef-infra.dll.</summary>
    public string Dotnet => DotnetHost;

    internal static string DotnetHost => Tool.Dotnet;

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
        await MakeKeysAsync();
        await StartProxyHostAsync();
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

    /// <summary>
    /// Host keys for both sshds, the client's key (authorized on both), and the ssh config the tool gets: known_hosts
    /// written from the generated host keys, so StrictHostKeyChecking stays on.
    /// </summary>
    private async Task MakeKeysAsync()
    {
        var ssh = Path.Combine(Directory, "ssh");
        System.IO.Directory.CreateDirectory(ssh);
        foreach (var key in new[] { "proxy_host_key", "dns_host_key", "client_key" })
        {
            var made = await Tool.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", key, "-f", Path.Combine(ssh, key)]);
            Assert.True(made.ExitCode == 0, "ssh-keygen: " + made.Output);
        }

        File.Copy(Path.Combine(ssh, "client_key.pub"), Path.Combine(ssh, "authorized_keys"));
        File.WriteAllText(Path.Combine(ssh, "known_hosts"),
            ProxyHost + "," + ProxyAddress + " " + File.ReadAllText(Path.Combine(ssh, "proxy_host_key.pub")).Trim() + "\n"
            + Lef.Infra.Emit.Writers.DnsLayout.Host + "," + NameServerAddress + " " + File.ReadAllText(Path.Combine(ssh, "dns_host_key.pub")).Trim() + "\n");
        File.WriteAllText(SshConfig, $$"""
            Host {{ProxyHost}}
                HostName {{ProxyAddress}}
            Host {{Lef.Infra.Emit.Writers.DnsLayout.Host}}
                HostName {{NameServerAddress}}
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
        foreach (var (role, address) in new[] { ("proxy", ProxyAddress), ("dns", NameServerAddress) })
        {
            File.WriteAllText(Path.Combine(ssh, role + "_sshd_config"), $$"""
                ListenAddress {{address}}:22
                HostKey {{Path.Combine(ssh, role + "_host_key")}}
                PidFile {{Path.Combine(ssh, role + "_sshd.pid")}}
                AuthorizedKeysFile {{Path.Combine(ssh, "authorized_keys")}}
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                LogLevel ERROR

                """);
        }
    }

    /// <summary>
    /// The proxy host: its sshd runs in a mount namespace where /etc/haproxy, /etc/network and /var/lib are its own
    /// (tmpfs, the emitted files copied in) and /run is the rehearsal's folder; everything else on it runs there too.
    /// </summary>
    private async Task StartProxyHostAsync()
    {
        var run = Path.Combine(Directory, "run");
        var chroot = Path.Combine(Directory, "chroot");
        System.IO.Directory.CreateDirectory(Path.Combine(run, "haproxy"));
        System.IO.Directory.CreateDirectory(chroot);
        const string Script = """
            set -e
            mount --bind "$1" /run
            mount -t tmpfs tmpfs /var/lib && mkdir /var/lib/haproxy /var/lib/lef-infra && mount --bind "$2" /var/lib/haproxy
            mount -t tmpfs tmpfs /etc/haproxy && cp "$3" /etc/haproxy/haproxy.cfg
            mount -t tmpfs tmpfs /etc/network
            mkdir -p /etc/network/interfaces.d /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d
            printf 'source-directory /etc/network/interfaces.d\n' > /etc/network/interfaces
            cp "$4" /etc/network/interfaces.d/lef-ens18
            mkdir -p /run/haproxy /run/network /run/sshd
            exec /usr/sbin/sshd -D -e -f "$5"
            """;
        ProxyShell = BackgroundProcess.Start("ip", [.. Proxy.Exec[1..], "sh", "-c", Script, "proxy-host", run, chroot, HaproxyConfig, InterfacesFile, Path.Combine(Directory, "ssh", "proxy_sshd_config")]);
        teardown.Add(ProxyShell);
        await WaitForSshAsync(ProxyShell, ProxyAddress);
    }

    private async Task WaitForSshAsync(BackgroundProcess sshd, string address)
    {
        var clock = Stopwatch.StartNew();
        while (!(await Client.TryRunAsync("nc", "-z", "-w", "1", address, "22")).ExitCode.Equals(0))
        {
            Assert.True(!sshd.HasExited && clock.Elapsed < TimeSpan.FromSeconds(20), "sshd did not start on " + address + ": " + sshd.Output);
            await Task.Delay(100);
        }
    }

    /// <summary>The runbook's step 2: <c>ifup ens18:n</c> for every stanza of the emitted file, on the proxy host.</summary>
    private async Task BringUpAliasesAsync()
    {
        var results = new Dictionary<string, ToolResult>(StringComparer.Ordinal);
        foreach (Match auto in AutoLine().Matches(File.ReadAllText(InterfacesFile)))
        {
            results[auto.Groups[1].Value] = await OnProxyAsync("ifup", "-v", auto.Groups[1].Value);
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
        SqlServer = StartTdsResponder(1433);
        SecondSqlServer = StartTdsResponder(1434);
    }

    /// <summary>Stops a stand-in before the teardown would.</summary>
    public void Stop(IDisposable server)
    {
        teardown.Remove(server);
        server.Dispose();
    }

    /// <summary>A SQL Server stand-in on the db host: answers PRELOGIN on <paramref name="port"/>.</summary>
    public TdsPreloginResponder StartTdsResponder(int port)
    {
        var listener = Db.Socket();
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Parse(DbAddress), port));
        listener.Listen(256);
        var responder = new TdsPreloginResponder(listener);
        teardown.Add(responder);
        return responder;
    }

    /// <summary>
    /// The DNS host: its sshd runs where /etc/bind is its own (tmpfs): named.conf, an rndc key, and the emitted dns/ files
    /// copied to /etc/bind/lef, as on dns.core.lef. named runs there with rndc on 127.0.0.1, and the emitted fragment included as it is.
    /// </summary>
    private async Task StartNamedAsync()
    {
        var dns = Path.Combine(DeployDirectory, "dns");
        var fragment = System.IO.Directory.GetFiles(dns, "named.conf.lef-*").Order(StringComparer.Ordinal).FirstOrDefault();
        Assert.True(fragment is not null, "the emitter wrote no named.conf fragment under " + dns);
        var named = Path.Combine(Directory, "named");
        var run = Path.Combine(Directory, "dns-run");
        System.IO.Directory.CreateDirectory(named);
        System.IO.Directory.CreateDirectory(run);
        var configuration = Path.Combine(named, "named.conf");
        File.WriteAllText(configuration, $$"""
            // The rehearsal's dns.core.lef: authoritative only; pid, keys and journals in the rehearsal's folder.
            options {
                directory "{{named}}";
                pid-file "{{Path.Combine(named, "named.pid")}}";
                session-keyfile "{{Path.Combine(named, "session.key")}}";
                managed-keys-directory "{{named}}";
                listen-on port 53 { {{NameServerAddress}}; };
                listen-on-v6 { none; };
                recursion no;
                dnssec-validation no;
            };
            include "/etc/bind/rndc.key";
            controls { inet 127.0.0.1 port 953 allow { 127.0.0.1; } keys { "rndc-key"; }; };
            include "/etc/bind/lef/{{Path.GetFileName(fragment)}}";

            """);
        const string Script = """
            set -e
            mount --bind "$1" /run
            mount -t tmpfs tmpfs /var/lib && mkdir /var/lib/lef-infra
            mount -t tmpfs tmpfs /etc/bind && mkdir /etc/bind/lef && cp -r "$2"/. /etc/bind/lef/
            rndc-confgen -a -c /etc/bind/rndc.key
            cp "$3" /etc/bind/named.conf
            mkdir -p /run/sshd
            exec /usr/sbin/sshd -D -e -f "$4"
            """;
        DnsShell = BackgroundProcess.Start("ip", [.. Dns.Exec[1..], "sh", "-c", Script, "dns-host", run, dns, configuration, Path.Combine(Directory, "ssh", "dns_sshd_config")]);
        teardown.Add(DnsShell);
        await WaitForSshAsync(DnsShell, NameServerAddress);

        var check = await OnDnsAsync("named-checkconf", "-z", "/etc/bind/named.conf");
        Assert.True(check.ExitCode == 0, "named-checkconf -z rejected the rehearsal's named.conf: " + check.Output);
        Named = BackgroundProcess.Start("nsenter", ["-t", DnsShell.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", Tool.Require("named"), "-g", "-c", "/etc/bind/named.conf"]);
        teardown.Add(Named);
        await Named.WaitForOutputAsync(NamedServer.ZonesLoaded, TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// <c>haproxy -c</c>, then HAProxy (master-worker, as the emitted global section says) in the foreground on the proxy
    /// host, on /etc/haproxy/haproxy.cfg: its chroot, admin socket and /dev/log are the rehearsal's own folders.
    /// </summary>
    private async Task StartHaproxyAsync()
    {
        Log = new HaproxyLog(Path.Combine(Directory, "chroot"));
        teardown.Add(Log);

        HaproxyCheck = await OnProxyAsync("haproxy", "-c", "-f", "/etc/haproxy/haproxy.cfg");
        Assert.True(HaproxyCheck.ExitCode == 0, "haproxy -c rejected the emitted config: " + HaproxyCheck.Output);

        Haproxy = BackgroundProcess.Start("nsenter", ["-t", ProxyShell.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", Tool.Require("haproxy"), "-db", "-f", "/etc/haproxy/haproxy.cfg"]);
        teardown.Add(Haproxy);
        var socket = Path.Combine(Directory, "run", "haproxy", "admin.sock");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            Assert.True(!Haproxy.HasExited && clock.Elapsed < TimeSpan.FromSeconds(20), "HAProxy did not start: " + Haproxy.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Folders of rehearsals whose test process is gone (killed before its teardown ran), with what is still mounted in them
    /// (the Patroni cluster's etcd tmpfs): detached first, or the folder could not be removed.
    /// </summary>
    internal static void RemoveLeftoverFolders()
    {
        var mounts = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).ToList();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Path.GetTempPath(), "lef-rehearsal-*"))
        {
            var owner = Path.GetFileName(folder).Split('-')[2];
            if (owner != Environment.ProcessId.ToString(CultureInfo.InvariantCulture) && !System.IO.Directory.Exists("/proc/" + owner))
            {
                // /proc/self/mounts escapes spaces as \040; the rehearsals' folders have none.
                foreach (var mountPoint in mounts.Where(m => m.StartsWith(folder + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length))
                {
                    Tool.Run("umount", "-l", mountPoint);
                }

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
