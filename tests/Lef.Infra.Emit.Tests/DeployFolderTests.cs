using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Writers;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// emit replaces only a folder it made, swaps it in one step, and recovers from whatever a killed or concurrent run left:
/// the deploy folder always holds a complete deploy (the old one or the new one), and zone serials never go back.
/// </summary>
public sealed class DeployFolderTests
{
    private const int Killed = 128 + 9;

    [Fact]
    public void A_folder_the_tool_did_not_make_is_refused_and_kept_whole()
    {
        using var project = new TempDirectory();
        File.WriteAllText(project.Combine("README.md"), "a project\n");
        Directory.CreateDirectory(project.Combine(".git"));
        File.WriteAllText(project.Combine(".git", "HEAD"), "ref: refs/heads/main\n");
        var before = DeployDirectory.ReadAll(project.Path);

        var result = Emitter.EmitTestTopology(project.Path);
        var check = Emitter.Run("emit", "--check", "--topology", Emitter.TestTopologySources, "--out", project.Path);

        Assert.Equal(Cli.NotADeployFolder, result.ExitCode);
        Assert.Equal(Cli.NotADeployFolder, check.ExitCode);
        Assert.Equal("error: " + project.Path + " is not a deploy folder Lef.Infra made (it has no .lef-infra-deploy), and emit replaces its folder whole: "
            + "pass a new or empty folder with --out (if it is an old deploy, add an empty .lef-infra-deploy to it)\n", result.StandardError);
        Assert.Equal(before, DeployDirectory.ReadAll(project.Path));
        Assert.Empty(Siblings(project.Path));
    }

    [Fact]
    public void An_out_that_is_a_file_is_refused_with_one_line()
    {
        using var parent = new TempDirectory();
        var file = parent.Combine("deploy");
        File.WriteAllText(file, "not a folder\n");

        var result = Emitter.EmitTestTopology(file);

        Assert.Equal(Cli.NotADeployFolder, result.ExitCode);
        Assert.Equal("error: " + file + " is a file, not a deploy folder: pass a folder with --out\n", result.StandardError);
        Assert.Equal("not a folder\n", File.ReadAllText(file));
    }

    [Fact]
    public void A_missing_or_empty_folder_is_made_a_deploy_folder_and_replaced_afterwards()
    {
        using var parent = new TempDirectory();
        var empty = parent.Combine("empty");
        Directory.CreateDirectory(empty);

        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(parent.Combine("missing")).ExitCode);
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(empty).ExitCode);
        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(empty).ExitCode);

        Assert.Equal(DeployFolder.MarkerText, File.ReadAllText(Path.Combine(empty, DeployFolder.MarkerFile)));
        Assert.True(File.Exists(Path.Combine(parent.Combine("missing"), DeployFolder.MarkerFile)));
        Assert.False(Directory.Exists(Path.Combine(empty, "hosts", "proxy.edge.lef")), "the shipped topology replaced the test topology's files");
        Assert.Equal(["empty", "missing"], Directory.GetDirectories(parent.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_topology_does_not_empty_a_deploy_unless_allowed()
    {
        using var nothing = TopologySources.Compile(new Dictionary<string, string> { ["Nothing.cs"] = "namespace T;\npublic static class Nothing\n{\n}\n" });
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var before = DeployDirectory.ReadAll(deploy);

        var refused = Emitter.Run("emit", "--topology", nothing.Directory, "--out", deploy);

        Assert.Equal(Cli.InvalidTopology, refused.ExitCode);
        Assert.Equal("error: the topology declares no endpoint, and emitting it would empty " + Path.GetRelativePath(Environment.CurrentDirectory, deploy)
            + " (haproxy.cfg, interfaces, zones): pass --allow-empty to do that; nothing was written\n", refused.StandardError);
        Assert.Equal(before, DeployDirectory.ReadAll(deploy));

        var allowed = Emitter.Run("emit", "--allow-empty", "--topology", nothing.Directory, "--out", deploy);
        var again = Emitter.Run("emit", "--topology", nothing.Directory, "--out", deploy);
        var fresh = Emitter.Run("emit", "--topology", nothing.Directory, "--out", parent.Combine("fresh"));

        Assert.Equal(Cli.Ok, allowed.ExitCode);
        Assert.DoesNotContain(DeployDirectory.ReadAll(deploy).Keys, p => p.EndsWith("haproxy.cfg", StringComparison.Ordinal));
        Assert.True(again.ExitCode == Cli.Ok, "an empty deploy stays empty without the flag: " + again.Output);
        Assert.True(fresh.ExitCode == Cli.Ok, "a new folder has nothing to lose: " + fresh.Output);
    }

    [Theory]
    [InlineData("writing", false)]
    [InlineData("staged", false)]
    [InlineData("swapped", true)]
    public async Task A_run_killed_at_any_step_leaves_a_whole_deploy_and_the_next_run_recovers(string step, bool newInPlace)
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(deploy).ExitCode);
        var old = DeployDirectory.ReadAll(deploy);
        using var wanted = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(wanted.Path).ExitCode);

        var killed = await EmitInChild(deploy, step);

        Assert.True(killed.ExitCode == Killed, "the child was to kill itself at " + step + ": " + killed.Output);
        var after = DeployDirectory.ReadAll(deploy);
        if (newInPlace)
        {
            Assert.Equal(DeployDirectory.ReadAll(wanted.Path).Keys, after.Keys);
            Assert.Equal(File.ReadAllText(wanted.Combine("hosts", "proxy.edge.lef", "haproxy", "haproxy.cfg")), after["hosts/proxy.edge.lef/haproxy/haproxy.cfg"]);
        }
        else
        {
            Assert.Equal(old, after);
        }

        Assert.Single(Directory.GetDirectories(parent.Path, "deploy.new-*"));

        var next = Emitter.EmitTestTopology(deploy);

        Assert.True(next.ExitCode == Cli.Ok, next.Output);
        Assert.Equal(["deploy"], Directory.GetDirectories(parent.Path).Select(Path.GetFileName));
        Assert.Equal(DeployDirectory.ReadAll(wanted.Path).Keys, DeployDirectory.ReadAll(deploy).Keys);
        Assert.True(HighestSerial(deploy) >= HighestSerial(old), "the serial went back");
    }

    [Fact]
    public async Task A_watcher_never_sees_the_deploy_folder_missing_while_emits_swap_it()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        var map = Path.Combine(deploy, "docs", "core-lan-address-map.json");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        using var stop = new System.Threading.CancellationTokenSource();
        long looks = 0, missing = 0;
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                looks++;
                if (!File.Exists(map))
                {
                    missing++;
                }
            }
        });

        for (var i = 0; i < 20; i++)
        {
            var result = i % 2 == 0 ? Emitter.EmitShippedTopology(deploy) : Emitter.EmitTestTopology(deploy);
            Assert.True(result.ExitCode == Cli.Ok, result.Output);
        }

        await stop.CancelAsync();
        await watcher;
        Assert.True(looks > 1000, "the watcher looked only " + looks + " times");
        Assert.True(missing == 0, "deploy/ was missing " + missing + " of " + looks + " times");
    }

    [Fact]
    public void Leftovers_named_with_this_process_id_do_not_stop_a_run()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        foreach (var leftover in new[] { "deploy.new-", "deploy.old-" }.Select(p => parent.Combine(p + Environment.ProcessId)))
        {
            Directory.CreateDirectory(Path.Combine(leftover, "docs"));
            File.WriteAllText(Path.Combine(leftover, "docs", "partial.md"), "from a killed run\n");
        }

        var result = Emitter.EmitShippedTopology(deploy);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        Assert.Equal(["deploy"], Directory.GetDirectories(parent.Path).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(deploy, "docs", "partial.md")));
    }

    [Theory]
    [InlineData("deploy.old-4242", true)]
    [InlineData("deploy.new-4243", false)]
    public void With_deploy_missing_the_serial_continues_from_a_leftover(string leftover, bool restored)
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        var later = new DateOnly(2025, 2, 1);
        Assert.True(later > Emitter.Today);
        Assert.Equal(Cli.Ok, Emitter.RunOn(later, "emit", "--topology", Emitter.TestTopologySources, "--out", deploy).ExitCode);
        var served = HighestSerial(DeployDirectory.ReadAll(deploy));
        Assert.Equal(ZoneSerial.FirstOf(later), served);
        Directory.Move(deploy, parent.Combine(leftover));

        var result = Emitter.EmitTestTopology(deploy);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        var serial = HighestSerial(DeployDirectory.ReadAll(deploy));
        Assert.True(serial >= served, "the serial went back from " + served + " to " + serial);
        Assert.Equal(restored ? served : served + 1, serial);
        Assert.Equal(["deploy"], Directory.GetDirectories(parent.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_run_waits_for_the_lock_a_real_flock_holds_and_gives_up_after_lock_wait()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var before = DeployDirectory.ReadAll(deploy);
        var lockFile = parent.Combine(".deploy.lock");

        using (var holder = BackgroundProcess.Start("flock", [lockFile, "sleep", "60"]))
        {
            WaitUntilHeld(lockFile, holder);

            var refused = Emitter.Run("emit", "--lock-wait", "0.3", "--topology", RepoPaths.Topology, "--out", deploy);

            Assert.Equal(Cli.Locked, refused.ExitCode);
            Assert.Equal("error: another emit is writing " + deploy + " (it holds " + lockFile + "); waited 0.3 s: try again when it has finished\n", refused.StandardError);
            Assert.Equal(before, DeployDirectory.ReadAll(deploy));
        }

        Assert.Equal(Cli.Ok, Emitter.Run("emit", "--lock-wait", "5", "--topology", RepoPaths.Topology, "--out", deploy).ExitCode);
    }

    [Fact]
    public async Task Concurrent_emitters_are_serialized()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(deploy).ExitCode);
        using var wanted = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(wanted.Path).ExitCode);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EmitInChild(deploy, null)));

        Assert.All(runs, r => Assert.True(r.ExitCode == Cli.Ok, r.Output));
        Assert.Equal(DeployDirectory.ReadAll(wanted.Path).Keys, DeployDirectory.ReadAll(deploy).Keys);
        Assert.Equal(["deploy"], Directory.GetDirectories(parent.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_symlinked_deploy_has_its_target_replaced_and_stays_a_link()
    {
        using var parent = new TempDirectory();
        var target = parent.Combine("generations", "current");
        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(target).ExitCode);
        var link = parent.Combine("deploy");
        File.CreateSymbolicLink(link, Path.Combine("generations", "current"));

        var result = Emitter.EmitTestTopology(link);
        var dangling = parent.Combine("dangling");
        File.CreateSymbolicLink(dangling, "nowhere");
        var refused = Emitter.EmitTestTopology(dangling);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        Assert.Equal(Path.Combine("generations", "current"), new FileInfo(link).LinkTarget);
        Assert.True(File.Exists(Path.Combine(target, "hosts", "proxy.edge.lef", "haproxy", "haproxy.cfg")));
        Assert.Equal(Cli.NotADeployFolder, refused.ExitCode);
        Assert.Contains("is a symbolic link to nowhere, which does not exist", refused.StandardError);
        Assert.False(Directory.Exists(parent.Combine("nowhere")));
    }

    [Fact]
    public void A_full_disk_is_one_line_with_its_own_exit_code_and_the_deploy_is_unchanged()
    {
        using var disk = new SmallDisk("2m");
        var deploy = Path.Combine(disk.Path, "deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var before = DeployDirectory.ReadAll(deploy);
        disk.Fill();

        var result = Emitter.EmitShippedTopology(deploy);

        Assert.Equal(Cli.WriteFailed, result.ExitCode);
        Assert.StartsWith("error: cannot write the new deploy beside " + deploy + ": No space left on device", result.StandardError);
        Assert.EndsWith("; the previous deploy is unchanged\n", result.StandardError);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, DeployDirectory.ReadAll(deploy));
        Assert.Empty(Siblings(deploy));
    }

    [Fact]
    public void A_read_only_folder_is_one_line_with_its_own_exit_code_and_the_deploy_is_unchanged()
    {
        using var disk = new SmallDisk("2m");
        var deploy = Path.Combine(disk.Path, "deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var before = DeployDirectory.ReadAll(deploy);
        disk.MakeReadOnly();

        var result = Emitter.EmitShippedTopology(deploy);

        Assert.Equal(Cli.WriteFailed, result.ExitCode);
        Assert.Contains("Read-only file system", result.StandardError);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, DeployDirectory.ReadAll(deploy));
    }

    [Fact]
    public void An_unreadable_zone_in_the_deploy_is_one_line_and_nothing_is_written()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        File.CreateSymbolicLink(Path.Combine(deploy, "dns", "hand-made.zone"), "/nonexistent/file");
        var before = Directory.GetFileSystemEntries(deploy, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var emit = Emitter.EmitShippedTopology(deploy);
        var check = Emitter.Run("emit", "--check", "--topology", RepoPaths.Topology, "--out", deploy);

        Assert.Equal(Cli.WriteFailed, emit.ExitCode);
        Assert.StartsWith("error: cannot read the deploy folder " + deploy + ": ", emit.StandardError);
        Assert.EndsWith("; nothing was written\n", emit.StandardError);
        Assert.Single(emit.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(Cli.WriteFailed, check.ExitCode);
        Assert.Equal(before, Directory.GetFileSystemEntries(deploy, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.Empty(Siblings(deploy));
    }

    /// <summary>
    /// Emit reads only the previous zones (their serials): any other file is replaced unread, as every file it did not write
    /// is removed, so one it could not read stops nothing. <c>--check</c> compares every file, so it still reads them all.
    /// </summary>
    [Fact]
    public void An_unreadable_file_emit_does_not_need_is_removed_like_any_file_it_did_not_write()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var link = Path.Combine(deploy, "docs", "hand-made.md");
        File.CreateSymbolicLink(link, "/nonexistent/file");

        var check = Emitter.Run("emit", "--check", "--topology", RepoPaths.Topology, "--out", deploy);
        var emit = Emitter.EmitShippedTopology(deploy);

        Assert.Equal(Cli.WriteFailed, check.ExitCode);
        Assert.StartsWith("error: cannot read the deploy folder " + deploy + ": ", check.StandardError);
        Assert.Equal(Cli.Ok, emit.ExitCode);
        Assert.Equal(string.Empty, emit.StandardError);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(link)!), e => e == link);
        Assert.Equal(Cli.Ok, Emitter.Run("emit", "--check", "--topology", RepoPaths.Topology, "--out", deploy).ExitCode);
        Assert.Empty(Siblings(deploy));
    }

    [Fact]
    public void A_previous_deploy_that_cannot_be_removed_is_its_own_exit_code_and_the_next_run_removes_it()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var leftover = parent.Combine("deploy.new-" + Environment.ProcessId);
        using (var pinned = SmallDisk.PinFolder(Path.Combine(deploy, "docs"), parent.Path))
        {
            var result = Emitter.EmitShippedTopology(deploy);

            Assert.Equal(Cli.CleanupFailed, result.ExitCode);
            Assert.Equal("error: the new deploy is in " + deploy + ", but the previous one could not be removed: " + leftover + " (the next emit removes it)\n", result.StandardError);
            Assert.False(Directory.Exists(Path.Combine(deploy, "hosts", "proxy.edge.lef")), "the new deploy is in place");
        }

        Assert.Equal(Cli.Ok, Emitter.EmitShippedTopology(deploy).ExitCode);
        Assert.Equal(["deploy"], Directory.GetDirectories(parent.Path).Select(Path.GetFileName));
    }

    /// <summary>The folders beside <paramref name="deploy"/> named after it (NAME.new-PID, NAME.old-PID, ...).</summary>
    private static IEnumerable<string> Siblings(string deploy) =>
        Directory.GetDirectories(Path.GetDirectoryName(deploy)!).Where(d => Path.GetFileName(d).StartsWith(Path.GetFileName(deploy) + ".", StringComparison.Ordinal));

    private static uint? HighestSerial(IReadOnlyDictionary<string, string> files) =>
        files.Where(f => f.Key.EndsWith(".zone", StringComparison.Ordinal)).Select(f => ZoneSerial.Read(f.Value)).Max();

    private static uint? HighestSerial(string deploy) => HighestSerial(DeployDirectory.ReadAll(deploy));

    [Fact]
    public async Task Every_file_and_folder_reaches_the_disk_before_the_exchange_names_them()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        var log = parent.Combine("strace.log");

        // The real system calls of a real emit over an existing deploy (so the exchange, not a first rename), with their paths.
        var traced = await EmitInChild(deploy, crashAt: null, [Tool.Require("strace"), "-f", "-y", "-e", "trace=fsync,renameat2", "-o", log]);

        Assert.True(traced.ExitCode == Cli.Ok, traced.Output);
        var calls = File.ReadAllLines(log).Where(l => l.Contains("fsync(", StringComparison.Ordinal) || l.Contains("renameat2(", StringComparison.Ordinal)).ToList();
        var exchange = calls.FindIndex(l => l.Contains("RENAME_EXCHANGE", StringComparison.Ordinal));
        Assert.True(exchange > 0, "no exchange in:\n" + string.Join("\n", calls));
        var staging = Regex.Match(calls[exchange], "\"(/[^\"]+/deploy\\.new-[0-9]+)\"").Groups[1].Value;
        var synced = calls.Take(exchange).Select(l => Regex.Match(l, "fsync\\([0-9]+<([^>]+)>\\) = 0")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        var folders = Directory.EnumerateDirectories(deploy, "*", SearchOption.AllDirectories).Append(deploy);
        foreach (var path in Directory.EnumerateFiles(deploy, "*", SearchOption.AllDirectories).Concat(folders))
        {
            var before = staging + path[deploy.Length..];
            Assert.True(synced.Contains(before), before + " was not synced before the exchange; synced:\n" + string.Join("\n", synced.Order()));
        }

        Assert.Contains(calls.Skip(exchange + 1), l => l.Contains("fsync(", StringComparison.Ordinal) && l.Contains("<" + parent.Path + ">", StringComparison.Ordinal));
    }

    /// <summary>The real emitter in a process of its own (dotnet lef-infra.dll), killing itself with SIGKILL at <paramref name="crashAt"/>.</summary>
    private static async Task<ToolResult> EmitInChild(string deploy, string? crashAt, string[]? launcher = null)
    {
        launcher ??= [];
        var start = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : Tool.Require("dotnet"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var dotnet = launcher.Length > 0 ? [Tool.Require("dotnet")] : System.Array.Empty<string>();
        foreach (var argument in launcher.Skip(1).Concat(dotnet).Concat([typeof(Cli).Assembly.Location, "emit", "--topology", Emitter.TestTopologySources, "--out", deploy]))
        {
            start.ArgumentList.Add(argument);
        }

        if (crashAt is not null)
        {
            start.Environment[CrashPoint.Variable] = crashAt;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public void A_check_waits_for_an_emit_holding_the_folder_and_gives_up_after_lock_wait()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.Run("emit", "--topology", RepoPaths.Topology, "--out", deploy).ExitCode);
        var lockFile = parent.Combine(".deploy.lock");
        using (var holder = BackgroundProcess.Start("flock", [lockFile, "sleep", "60"]))
        {
            WaitUntilHeld(lockFile, holder);

            // An emit exchanging the folder while --check reads it would mix two trees: the check waits, as an emit does.
            var refused = Emitter.Run("emit", "--check", "--lock-wait", "0.3", "--topology", RepoPaths.Topology, "--out", deploy);

            Assert.Equal(Cli.Locked, refused.ExitCode);
            Assert.Contains("another emit is writing " + deploy, refused.StandardError);
        }

        Assert.Equal(Cli.Ok, Emitter.Run("emit", "--check", "--lock-wait", "5", "--topology", RepoPaths.Topology, "--out", deploy).ExitCode);
    }

    internal static void WaitUntilHeld(string lockFile, BackgroundProcess holder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !holder.HasExited)
        {
            try
            {
                using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                return;
            }

            System.Threading.Thread.Sleep(20);
        }

        Assert.Fail("flock never held " + lockFile + ": " + holder.Output);
    }
}
