using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Lef.Infra.Emit.Writers;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// One node of the rehearsal's pair: a network namespace, and a mount namespace (held by the node's sshd, which apply
/// reaches) where /etc/haproxy, /etc/keepalived, /etc/sysctl.d and /var/lib are its own and /run is its folder, so two
/// HAProxy and two keepalived instances never share a pid file or socket, and nothing of the machine's /etc is touched.
/// HAProxy and keepalived run there in the foreground.
/// </summary>
internal sealed class PairNodeHost(NetworkNamespace ns, string host, string address, string bridgePort, string deploy, string directory) : IDisposable
{
    /// <summary>The rehearsal's stand-in for vrrp_track_process (see <see cref="PairRehearsal"/>), inside the node.</summary>
    public const string StandInScript = "/etc/keepalived/lef-haproxy-running";

    private BackgroundProcess? anchor;

    public NetworkNamespace Namespace { get; } = ns;

    public string Host { get; } = host;

    public string Address { get; } = address;

    public string BridgePort { get; } = bridgePort;

    /// <summary>deploy/hosts/&lt;host&gt;: the emitted files of this node.</summary>
    public string Deploy { get; } = deploy;

    public string EmittedKeepalived => Path.Combine(Deploy, Lef.Infra.Emit.Deployment.ArtifactSet.KeepalivedFolder, "keepalived.conf");

    public BackgroundProcess? Haproxy { get; private set; }

    public BackgroundProcess? Keepalived { get; private set; }

    /// <summary>The emitted keepalived.conf with vrrp_track_process replaced by the pid check, and nothing else changed.</summary>
    public static string WithStandIn(string emitted)
    {
        var process = "vrrp_track_process " + KeepalivedConfigWriter.HaproxyTrack + " {\n    process haproxy\n    quorum 1\n}\n";
        var tracked = "    track_process {\n        " + KeepalivedConfigWriter.HaproxyTrack + "\n    }\n";
        Assert.Contains(process, emitted);
        Assert.Contains(tracked, emitted);
        var interval = PairRehearsal.StandInInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return emitted
            .Replace("    enable_script_security\n", "    enable_script_security\n    script_user root\n", StringComparison.Ordinal)
            .Replace(process, "# REHEARSAL STAND-IN: vrrp_track_process sees no process events outside the initial network namespace.\nvrrp_script "
                + KeepalivedConfigWriter.HaproxyTrack + " {\n    script \"" + StandInScript + "\"\n    interval " + interval + "\n    fall 1\n    rise 1\n}\n", StringComparison.Ordinal)
            .Replace(tracked, "    track_script {\n        " + KeepalivedConfigWriter.HaproxyTrack + "\n    }\n", StringComparison.Ordinal);
    }

    public async Task StartAsync(string sshDirectory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var sshd = Path.Combine(directory, "sshd_config");
        File.WriteAllText(sshd, $$"""
            ListenAddress {{Address}}:22
            HostKey {{Path.Combine(sshDirectory, "host_key")}}
            PidFile /run/sshd.pid
            AuthorizedKeysFile {{Path.Combine(sshDirectory, "authorized_keys")}}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            LogLevel ERROR

            """);
        var run = Path.Combine(directory, "run");
        System.IO.Directory.CreateDirectory(Path.Combine(run, "haproxy"));
        var keepalived = Path.Combine(directory, "keepalived.conf");
        File.WriteAllText(keepalived, WithStandIn(File.ReadAllText(EmittedKeepalived)));
        const string Script = """
            set -e
            mount --bind "$1" /run
            mount -t tmpfs tmpfs /var/lib && mkdir /var/lib/haproxy /var/lib/lef-infra
            mount -t tmpfs tmpfs /etc/sysctl.d
            mount -t tmpfs tmpfs /etc/haproxy && cp "$2" /etc/haproxy/haproxy.cfg
            mount -t tmpfs -o mode=0755 tmpfs /etc/keepalived && cp "$3" /etc/keepalived/keepalived.conf
            printf '#!/bin/sh\n# The rehearsal stand-in for vrrp_track_process: is this node HAProxy master alive?\nkill -0 "$(cat /run/haproxy.pid)" 2>/dev/null\n' > "$4"
            chmod 0755 "$4"
            mkdir -p /run/sshd
            touch /run/.mounted
            exec /usr/sbin/sshd -D -e -f "$5"
            """;
        anchor = BackgroundProcess.Start("ip", [.. Namespace.Exec[1..], "sh", "-c", Script, "pair-node", run, Path.Combine(Deploy, "haproxy", "haproxy.cfg"), keepalived, StandInScript, sshd]);
        await PairRehearsal.WaitAsync(() => Task.FromResult(File.Exists(Path.Combine(run, ".mounted"))), TimeSpan.FromSeconds(10), Host + ": its mounts never came up: " + anchor.Output);

        var check = await OnAsync("keepalived", "-t", "-f", "/etc/keepalived/keepalived.conf");
        Assert.True(check.ExitCode == 0 && check.Output.Trim().Length == 0, Host + ": keepalived -t rejected the rehearsal's keepalived.conf: " + check.Output);
        StartHaproxy();
        await PairRehearsal.WaitAsync(() => Task.FromResult(File.Exists(Path.Combine(run, "haproxy.pid"))), TimeSpan.FromSeconds(10), Host + ": HAProxy did not start: " + Haproxy!.Output);
        Keepalived = BackgroundProcess.Start("nsenter", [.. Enter, Tool.Require("keepalived"), "--vrrp", "-n", "-l", "-D", "-f", "/etc/keepalived/keepalived.conf",
            "-p", "/run/keepalived.pid", "-r", "/run/keepalived-vrrp.pid"]);
    }

    public void StartHaproxy()
    {
        File.Delete(Path.Combine(directory, "run", "haproxy.pid"));
        Haproxy = BackgroundProcess.Start("nsenter", [.. Enter, Tool.Require("haproxy"), "-db", "-f", "/etc/haproxy/haproxy.cfg"]);
    }

    /// <summary>Stops HAProxy as <c>systemctl stop</c> does (SIGTERM to the master), and waits until it is gone.</summary>
    public async Task StopHaproxyAsync()
    {
        Haproxy!.Signal(Signals.Terminate);
        Assert.True(await Haproxy.WaitForExitAsync(TimeSpan.FromSeconds(10)), Host + ": HAProxy did not stop");
    }

    /// <summary>Writes the maintenance file keepalived tracks: 1 moves the VIPs away, 0 lets them come back.</summary>
    public Task<ToolResult> MaintenanceAsync(bool on) => OnAsync("sh", "-c", "echo " + (on ? "1" : "0") + " > " + KeepalivedConfigWriter.MaintenanceFile);

    public async Task<bool> HoldsVipAsync() =>
        (await Namespace.TryRunAsync("ip", "-4", "-o", "addr", "show", "dev", "ens18")).StandardOutput.Contains("inet " + PairRehearsal.VipAddress + "/", StringComparison.Ordinal);

    public Task<ToolResult> OnAsync(params string[] command) => Tool.RunAsync("nsenter", [.. Enter, .. command], TimeSpan.FromSeconds(30));

    public void Dispose()
    {
        Keepalived?.Dispose();
        Haproxy?.Dispose();
        anchor?.Dispose();
    }

    private string[] Enter => ["-t", anchor!.Id.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--"];
}
