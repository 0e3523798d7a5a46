using System;
using System.IO;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>`diff --against DIR`: what a deploy would change on a host, from a copy of its live files at their absolute paths.</summary>
public sealed class DiffAgainstTests
{
    [Fact]
    public void A_live_copy_equal_to_the_deployables_needs_no_change()
    {
        using var deploy = EmitShipped();
        using var live = LiveCopy(deploy);

        var result = Diff(deploy, live.Path);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        Assert.Equal("proxy.core.lef: the live copy matches the deployables (2 files)\n", result.StandardOutput);
    }

    [Fact]
    public void A_hand_edited_live_config_and_a_missing_alias_file_are_shown_as_the_change_a_deploy_makes()
    {
        using var deploy = EmitShipped();
        using var live = LiveCopy(deploy);
        var config = live.Combine("etc", "haproxy", "haproxy.cfg");
        File.WriteAllText(config, File.ReadAllText(config).Replace("listen erp-1433\n", "listen erp-legacy\n", StringComparison.Ordinal));
        File.Delete(live.Combine("etc", "network", "interfaces.d", "lef-ens18"));

        var result = Diff(deploy, live.Path);

        Assert.Equal(Cli.Drift, result.ExitCode);
        Assert.Contains("# proxy.core.lef:/etc/haproxy/haproxy.cfg <- deploy/hosts/proxy.core.lef/haproxy/haproxy.cfg\n--- live/etc/haproxy/haproxy.cfg\n+++ deployed/etc/haproxy/haproxy.cfg\n", result.StandardOutput);
        Assert.Contains("-listen erp-legacy\n+listen erp-1433\n", result.StandardOutput);
        Assert.Contains("--- /dev/null\n+++ deployed/etc/network/interfaces.d/lef-ens18\n", result.StandardOutput);
        Assert.EndsWith("proxy.core.lef: a deploy would change 2 of 2 files\n", result.StandardOutput);

        // What it prints is what a deploy does: patch makes the live copy equal to the deployables.
        var patchFile = live.Path + ".patch";
        File.WriteAllText(patchFile, result.StandardOutput[..result.StandardOutput.LastIndexOf("proxy.core.lef:", StringComparison.Ordinal)]);
        try
        {
            var patch = Tool.Run("patch", "-p1", "-d", live.Path, "-i", patchFile);
            Assert.True(patch.ExitCode == 0, patch.Output);
        }
        finally
        {
            File.Delete(patchFile);
        }

        Assert.Equal(Cli.Ok, Diff(deploy, live.Path).ExitCode);
    }

    [Fact]
    public void The_dns_host_is_compared_with_the_fragment_and_the_zones()
    {
        using var deploy = EmitShipped();
        using var live = LiveCopy(deploy, "dns", "/etc/bind/lef/");
        var zone = live.Combine("etc", "bind", "lef", "views", "internal", "db.lef.zone");
        File.WriteAllText(zone, File.ReadAllText(zone).Replace("hr IN A 10.20.0.106\n", string.Empty, StringComparison.Ordinal));

        var result = Diff(deploy, live.Path, "--host", "dns.core.lef");

        Assert.Equal(Cli.Drift, result.ExitCode);
        Assert.Contains("# dns.core.lef:/etc/bind/lef/views/internal/db.lef.zone <- deploy/dns/views/internal/db.lef.zone\n", result.StandardOutput);
        Assert.Contains("+hr IN A 10.20.0.106\n", result.StandardOutput);
        Assert.EndsWith("dns.core.lef: a deploy would change 1 of 3 files\n", result.StandardOutput);
    }

    [Fact]
    public void Several_proxy_hosts_need_host_and_an_unknown_host_is_refused()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy.Path).ExitCode);
        using var live = new TempDirectory();

        var ambiguous = Emitter.Run("diff", "--against", live.Path, "--topology", Emitter.TestTopologySources, "--out", deploy.Path);
        Assert.Equal(Cli.Usage, ambiguous.ExitCode);
        Assert.Contains("pass --host; the topology deploys to dns.core.lef, proxy.core.lef, proxy.edge.lef", ambiguous.StandardError);

        var unknown = Emitter.Run("diff", "--against", live.Path, "--host", "proxy.nowhere.lef", "--topology", Emitter.TestTopologySources, "--out", deploy.Path);
        Assert.Equal(Cli.Usage, unknown.ExitCode);
        Assert.Contains("no deployables for host proxy.nowhere.lef", unknown.StandardError);

        var edge = Emitter.Run("diff", "--against", live.Path, "--host", "proxy.edge.lef", "--topology", Emitter.TestTopologySources, "--out", deploy.Path);
        Assert.Equal(Cli.Drift, edge.ExitCode);
        Assert.EndsWith("proxy.edge.lef: a deploy would change 3 of 3 files\n", edge.StandardOutput);
    }

    [Fact]
    public void A_pair_node_is_compared_with_its_keepalived_conf_sysctl_file_and_haproxy_cfg()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        using var live = LiveCopy(deploy, "hosts/proxy-b.core.lef");
        var keepalived = live.Combine("etc", "keepalived", "keepalived.conf");
        File.WriteAllText(keepalived, File.ReadAllText(keepalived).Replace("    priority 100\n", "    priority 160\n", StringComparison.Ordinal));
        File.Delete(live.Combine("etc", "sysctl.d", "60-lef-nonlocal-bind.conf"));

        var result = Emitter.Run("diff", "--against", live.Path, "--host", "proxy-b.core.lef", "--topology", Emitter.PairTopologySources, "--out", deploy.Path);

        Assert.Equal(Cli.Drift, result.ExitCode);
        Assert.Contains("# proxy-b.core.lef:/etc/keepalived/keepalived.conf <- deploy/hosts/proxy-b.core.lef/keepalived/keepalived.conf\n", result.StandardOutput);
        Assert.Contains("-    priority 160\n+    priority 100\n", result.StandardOutput);
        Assert.Contains("--- /dev/null\n+++ deployed/etc/sysctl.d/60-lef-nonlocal-bind.conf\n", result.StandardOutput);
        Assert.EndsWith("proxy-b.core.lef: a deploy would change 2 of 3 files\n", result.StandardOutput);
    }

    [Fact]
    public void A_missing_against_folder_or_option_is_a_usage_error()
    {
        Assert.Equal(Cli.Usage, Emitter.Run("diff", "--against", "/nonexistent/live").ExitCode);
        var missing = Emitter.Run("diff");
        Assert.Equal(Cli.Usage, missing.ExitCode);
        Assert.Contains("--against", missing.StandardError);
    }

    private static TempDirectory EmitShipped()
    {
        var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(deploy.Path).ExitCode);
        return deploy;
    }

    private static ToolResult Diff(TempDirectory deploy, string live, params string[] more) =>
        Emitter.Run(["diff", "--against", live, "--topology", RepoPaths.Topology, "--out", deploy.Path, .. more]);

    /// <summary>The deployables of one host laid out where they live, as `scp host:/etc/... live/etc/...` would copy them.</summary>
    private static TempDirectory LiveCopy(TempDirectory deploy, string deployPrefix = "hosts/proxy.core.lef", string livePrefix = "")
    {
        var live = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(deploy.Combine(deployPrefix), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(deploy.Combine(deployPrefix), file).Replace('\\', '/');
            var livePath = (livePrefix.Length > 0 ? livePrefix : "/etc/") + relative;
            var target = live.Combine(livePath.TrimStart('/').Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return live;
    }
}
