using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// The committed deploy/ cannot drift from the shipped Topology: this test runs `emit --check` on it, so ./test.sh (and CI)
/// fails, printing the diff, as soon as one byte of deploy/ or one value of the Topology changes without re-emitting.
/// </summary>
public sealed partial class DriftTests
{
    private static string RepoDeploy => Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public void The_committed_deploy_matches_the_shipped_topology()
    {
        var check = CheckShipped(RepoDeploy);
        Assert.True(
            check.ExitCode == Cli.Ok,
            "deploy/ differs from Topology/: run `dotnet run --project Lef.Infra.Emit` and commit deploy/.\n" + check.Output);
        Assert.Contains("deploy is up to date", check.StandardOutput);
    }

    [Fact]
    public void One_edited_byte_anywhere_in_deploy_is_drift_with_a_unified_diff()
    {
        using var copy = CopyOfRepoDeploy();
        var files = DeployDirectory.ReadAll(copy.Path).Keys.ToList();
        Assert.Contains("dns/named.conf.lef-views", files);
        var tried = 0;
        foreach (var path in files)
        {
            var file = copy.Combine(path);
            var original = File.ReadAllBytes(file);
            foreach (var position in Positions(original))
            {
                var edited = (byte[])original.Clone();
                edited[position] = Other(edited[position]);
                File.WriteAllBytes(file, edited);

                var check = CheckShipped(copy.Path);

                Assert.True(check.ExitCode == Cli.Drift, path + " byte " + position + " edited, yet --check said:\n" + check.Output);
                Assert.Contains("--- deploy/" + path + "\n+++ topology/" + path + "\n@@ -", check.StandardOutput);
                tried++;
            }

            File.WriteAllBytes(file, original);
        }

        Assert.True(tried > 100, "only " + tried + " edits tried");
        Assert.Equal(Cli.Ok, CheckShipped(copy.Path).ExitCode);
    }

    [Fact]
    public void An_edited_or_missing_pair_file_is_drift()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        var keepalived = deploy.Combine("hosts/proxy-a.core.lef/keepalived/keepalived.conf");
        File.WriteAllText(keepalived, File.ReadAllText(keepalived).Replace("advert_int 0.3\n", "advert_int 1\n", StringComparison.Ordinal));
        File.Delete(deploy.Combine("hosts/proxy-b.core.lef/sysctl.d/60-lef-nonlocal-bind.conf"));

        var check = Emitter.Run("emit", "--check", "--topology", Emitter.PairTopologySources, "--out", deploy.Path);

        Assert.Equal(Cli.Drift, check.ExitCode);
        Assert.Contains("--- deploy/hosts/proxy-a.core.lef/keepalived/keepalived.conf\n+++ topology/hosts/proxy-a.core.lef/keepalived/keepalived.conf\n", check.StandardOutput);
        Assert.Contains("-    advert_int 1\n+    advert_int 0.3\n", check.StandardOutput);
        Assert.Contains("hosts/proxy-b.core.lef/sysctl.d/60-lef-nonlocal-bind.conf", check.StandardOutput);
    }

    [Fact]
    public void The_printed_diff_applied_with_patch_gives_what_the_emitter_writes()
    {
        using var copy = CopyOfRepoDeploy();
        var config = copy.Combine("hosts", "proxy.core.lef", "haproxy", "haproxy.cfg");
        File.WriteAllText(config, File.ReadAllText(config).Replace("    bind 10.20.0.101:1433\n", "    bind 10.20.0.199:1433\n", StringComparison.Ordinal) + "# a hand edit\n");
        var zone = copy.Combine("dns", "views", "internal", "db.lef.zone");
        File.WriteAllText(zone, File.ReadAllText(zone).Replace("erp IN A 10.20.0.101\n", string.Empty, StringComparison.Ordinal));
        File.Delete(copy.Combine("docs", "tcp-proxy-facts.md"));
        File.WriteAllText(copy.Combine("stray.txt"), "not the tool's\n");

        var check = CheckShipped(copy.Path);
        Assert.Equal(Cli.Drift, check.ExitCode);
        Assert.Contains("-    bind 10.20.0.199:1433\n+    bind 10.20.0.101:1433\n", check.StandardOutput);
        Assert.Contains("-# a hand edit\n", check.StandardOutput);
        Assert.Contains("--- /dev/null\n+++ topology/docs/tcp-proxy-facts.md\n", check.StandardOutput);
        Assert.Contains("--- deploy/stray.txt\n+++ /dev/null\n", check.StandardOutput);
        Assert.Contains("4 file(s)", check.StandardOutput);

        // The diff is exact: patch turns the edited copy into what the emitter writes, so --check passes afterwards.
        var diff = DiffOnly(check.StandardOutput);
        var patchFile = Path.Combine(copy.Path + ".patch");
        File.WriteAllText(patchFile, diff);
        try
        {
            var patch = Tool.Run("patch", "-p1", "-d", copy.Path, "-i", patchFile, "-E");
            Assert.True(patch.ExitCode == 0, patch.Output);
        }
        finally
        {
            File.Delete(patchFile);
        }

        Assert.Equal(Cli.Ok, CheckShipped(copy.Path).ExitCode);
        using var fresh = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(fresh.Path).ExitCode);
        Assert.Equal(File.ReadAllText(fresh.Combine("docs", "tcp-proxy-facts.md")), File.ReadAllText(copy.Combine("docs", "tcp-proxy-facts.md")));
    }

    private static ToolResult CheckShipped(string deploy) => Emitter.Run("emit", "--check", "--topology", RepoPaths.Topology, "--out", deploy);

    private static TempDirectory CopyOfRepoDeploy()
    {
        var copy = new TempDirectory();
        foreach (var (path, _) in DeployDirectory.ReadAll(RepoDeploy))
        {
            var target = copy.Combine(path.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoDeploy, path), target);
        }

        return copy;
    }

    /// <summary>Every digit of the zone serials (the one value not derived from the Topology), and about 20 bytes spread over the file.</summary>
    private static IEnumerable<int> Positions(byte[] content)
    {
        var text = System.Text.Encoding.UTF8.GetString(content);
        var serialDigits = SerialDigits().Matches(text).SelectMany(m => Enumerable.Range(m.Index, m.Length));
        var step = Math.Max(1, content.Length / 20);
        return Enumerable.Range(0, content.Length).Where(i => i % step == 0).Concat(serialDigits).Append(content.Length - 1).Distinct();
    }

    /// <summary>A different byte of the same kind: a digit stays a digit (so a serial still parses), anything else becomes a letter.</summary>
    private static byte Other(byte value) => value is >= (byte)'0' and <= (byte)'9' ? (byte)('0' + ((value - '0' + 1) % 10)) : value == (byte)'x' ? (byte)'y' : (byte)'x';

    private static string DiffOnly(string output) => string.Concat(output.Split('\n').SkipLast(2).Select(l => l + "\n"));

    [GeneratedRegex("[0-9]{10}")]
    private static partial Regex SerialDigits();
}
