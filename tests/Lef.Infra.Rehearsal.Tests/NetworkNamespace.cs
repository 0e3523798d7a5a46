using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// One Linux network namespace standing for one host of the rehearsal. Named <c>lefr-PID-N-role</c>, so leftovers of a
/// killed run can be told apart and removed. Programs run in it through <c>ip netns exec</c> (which also gives them
/// /etc/netns/NAME/resolv.conf and a private mount namespace); this process opens sockets in it directly (setns).
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    public const string Prefix = "lefr-";

    private const int CloneNewNet = 0x40000000;
    private static int counter;

    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary><c>ip netns exec NAME</c>: put it before a command to run that command on this host.</summary>
    public string[] Exec => ["ip", "netns", "exec", Name];

    private string EtcDirectory => Path.Combine("/etc/netns", Name);

    public static async Task<NetworkNamespace> CreateAsync(string role)
    {
        var name = Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture) + "-" + role;
        await MustRunAsync("ip", "netns", "add", name);
        var created = new NetworkNamespace(name);
        await MustRunAsync("ip", "-n", name, "link", "set", "lo", "up");
        return created;
    }

    /// <summary>A veth pair, one end in each namespace, under the given names (names are per namespace: no clash with the host's).</summary>
    public static Task LinkAsync(NetworkNamespace a, string aInterface, NetworkNamespace b, string bInterface) =>
        MustRunAsync("ip", "link", "add", aInterface, "netns", a.Name, "type", "veth", "peer", "name", bInterface, "netns", b.Name);

    /// <summary>Removes namespaces (and their /etc/netns folders) left by test runs whose process is gone.</summary>
    public static async Task RemoveLeftoversAsync()
    {
        var list = await Tool.RunAsync("ip", ["netns", "list"]);
        foreach (var name in list.StandardOutput.Split('\n').Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var owner = name[Prefix.Length..].Split('-')[0];
            if (owner == Environment.ProcessId.ToString(CultureInfo.InvariantCulture) || Directory.Exists("/proc/" + owner))
            {
                continue;
            }

            new NetworkNamespace(name).Dispose();
        }
    }

    /// <summary>Runs a command on this host and fails the test when it fails.</summary>
    public Task<ToolResult> RunAsync(params string[] command) => MustRunAsync([.. Exec, .. command]);

    /// <summary>Runs a command on this host and returns what it did, success or not.</summary>
    public Task<ToolResult> TryRunAsync(params string[] command) => Tool.RunAsync("ip", ["netns", "exec", Name, .. command], TimeSpan.FromSeconds(60));

    /// <summary>Addresses an interface and brings it up.</summary>
    public async Task AddressAsync(string device, string cidr)
    {
        await MustRunAsync("ip", "-n", Name, "addr", "add", cidr, "dev", device);
        await MustRunAsync("ip", "-n", Name, "link", "set", device, "up");
    }

    /// <summary>Gives programs run here this resolv.conf (ip netns exec bind-mounts it over /etc/resolv.conf).</summary>
    public void UseNameServer(string address)
    {
        Directory.CreateDirectory(EtcDirectory);
        File.WriteAllText(Path.Combine(EtcDirectory, "resolv.conf"), "nameserver " + address + "\noptions timeout:2 attempts:1\n");
    }

    /// <summary>A socket that lives in this namespace: created on a short-lived thread that entered it, usable from anywhere.</summary>
    public Socket Socket(SocketType type = SocketType.Stream, ProtocolType protocol = ProtocolType.Tcp)
    {
        Socket? created = null;
        Exception? failure = null;
        var thread = StartThread(() => created = new Socket(AddressFamily.InterNetwork, type, protocol), e => failure = e);
        thread.Join();
        return created ?? throw new InvalidOperationException("cannot open a socket in " + Name, failure);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a thread of its own that first entered this namespace (setns is per thread): every
    /// socket it creates synchronously (a client library's blocking Open, say) lives here. A failure goes to <paramref name="failed"/>.
    /// </summary>
    public Thread StartThread(Action body, Action<Exception> failed)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using (var handle = File.OpenHandle(Path.Combine("/run/netns", Name)))
                {
                    if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    {
                        throw new Win32Exception(Marshal.GetLastPInvokeError(), "setns " + Name);
                    }
                }

                body();
            }
            catch (Exception e)
            {
                failed(e);
            }
        })
        {
            IsBackground = true,
            Name = "netns " + Name,
        };
        thread.Start();
        return thread;
    }

    /// <summary>Kills whatever still runs here, then deletes the namespace and its /etc/netns folder.</summary>
    public void Dispose()
    {
        var pids = Tool.RunAsync("ip", ["netns", "pids", Name]).GetAwaiter().GetResult();
        foreach (var pid in pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out var id))
            {
                Signals.Send(id, Signals.Kill);
            }
        }

        Tool.RunAsync("ip", ["netns", "delete", Name]).GetAwaiter().GetResult();
        if (Directory.Exists(EtcDirectory))
        {
            Directory.Delete(EtcDirectory, recursive: true);
        }

        // /etc/netns exists only for the rehearsal on a test machine: leave no empty folder behind.
        if (Directory.Exists("/etc/netns") && !Directory.EnumerateFileSystemEntries("/etc/netns").Any())
        {
            Directory.Delete("/etc/netns");
        }
    }

    private static async Task<ToolResult> MustRunAsync(params string[] command)
    {
        var result = await Tool.RunAsync(command[0], command[1..], TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, string.Join(' ', command) + " failed (" + result.ExitCode + "): " + result.Output);
        return result;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);
}
