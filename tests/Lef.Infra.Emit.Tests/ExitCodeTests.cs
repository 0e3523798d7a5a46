using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lef.Infra.Emit.Verification;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// Every documented exit code, each reached once through Cli.Run, and listed in the root --help and the README's table:
/// scripts branch on them, so none may be missing or mean two things.
/// </summary>
public sealed partial class ExitCodeTests
{
    private static readonly int[] Codes = [Cli.Ok, Cli.Drift, Cli.InvalidTopology, Cli.CannotLoad, Cli.Usage, VerifyCommand.Failed, Lef.Infra.Emit.Import.ImportCommand.ImportedWithWarnings, Cli.NotADeployFolder, Cli.WriteFailed, Cli.CleanupFailed, Cli.Locked, Lef.Infra.Emit.Allocation.FreeValues.Exhausted, Cli.Unexpected];

    [Fact]
    public void The_root_help_and_the_readme_name_every_code()
    {
        var output = Emitter.Run("--help").StandardOutput;
        var listed = HelpRow().Matches(output[output.IndexOf("\nExit codes:", StringComparison.Ordinal)..]).Select(m => int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var exitCodes = readme[readme.IndexOf("| code | meaning |", StringComparison.Ordinal)..];
        var table = ReadmeRow().Matches(exitCodes[..exitCodes.IndexOf("\n\n", StringComparison.Ordinal)]).Select(m => int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Codes.Order(), listed);
        Assert.Equal(Enumerable.Range(0, Codes.Length), Codes.Order());
        Assert.Equal(Codes.Order(), table);
    }

    [Fact]
    public void Code_0_success()
    {
        using var deploy = new TempDirectory();

        Assert.Equal(Cli.Ok, EmitTo(deploy).ExitCode);
    }

    [Fact]
    public void Code_1_stale_deploy()
    {
        using var deploy = new TempDirectory();
        EmitTo(deploy);
        File.AppendAllText(deploy.Combine("docs", "tcp-proxy-facts.md"), "edited\n");

        Assert.Equal(Cli.Drift, Emitter.Run("emit", "--check", "--topology", Emitter.TestTopologySources, "--out", deploy.Path).ExitCode);
    }

    [Fact]
    public void Code_2_a_rule_is_broken()
    {
        using var topology = TopologySources.Compile(new Dictionary<string, string>
        {
            ["Pools.cs"] = "using Lef.Infra.Dsl;\nnamespace T;\npublic static class Pools\n{\n    public static readonly VipPool Core = new(Host: \"proxy.core.lef\", Interface: \"ens18\", Network: \"0.0.0.0/0\", First: \"10.20.0.100\", Last: \"10.20.0.199\");\n}\n",
        });
        using var deploy = new TempDirectory();

        Assert.Equal(Cli.InvalidTopology, Emitter.Run("emit", "--topology", topology.Directory, "--out", deploy.Path).ExitCode);
    }

    [Fact]
    public void Code_3_the_topology_cannot_be_loaded()
    {
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", deploy.Combine("missing"), "--out", deploy.Path);

        Assert.Equal(Cli.CannotLoad, result.ExitCode);
        Assert.StartsWith("error: the topology folder ", result.StandardError);
    }

    [Fact]
    public void Code_4_bad_arguments() => Assert.Equal(Cli.Usage, Emitter.Run("emit", "--no-such-option").ExitCode);

    [Fact]
    public void Code_5_a_live_check_failed()
    {
        using var topology = TopologySources.Compile(new Dictionary<string, string>
        {
            ["Estate.cs"] = """
                using Lef.Infra.Dsl;
                namespace T;
                public static class Estate
                {
                    public static readonly VipPool Pool = new(Host: "proxy.loopback.lef", Interface: "lo", Network: "127.0.3.0/24", First: "127.0.3.10", Last: "127.0.3.20");
                    public static readonly Vip Gone = new(Pool: Pool, Address: "127.0.3.10", Alias: 1);
                    public static readonly Endpoint GoneDb = new(Name: "gone", Vip: Gone, Port: 9, Engine: Engine.Tcp, Backend: new Backend(Host: "gone.core.lef", Port: 9));
                }
                """,
        });

        var result = Emitter.Run("verify", "--topology", topology.Directory, "--dns-server", "127.0.0.1:9", "--timeout", "0.5");

        Assert.True(result.ExitCode == VerifyCommand.Failed, result.Output);
    }

    [Fact]
    public void Code_6_import_wrote_files_but_some_parts_need_a_decision()
    {
        using var live = new TempDirectory();
        File.WriteAllText(live.Combine("haproxy.cfg"), "listen web\n    mode http\n    bind 10.20.0.101:80\n    server a 10.0.0.1:80\n");
        File.WriteAllText(live.Combine("interfaces"), "auto ens18:1\niface ens18:1 inet static\n    address 10.20.0.101\n    netmask 255.255.255.0\n");
        File.WriteAllText(live.Combine("db.lef.zone"), "$ORIGIN db.lef.\nweb IN A 10.20.0.101\n");

        var result = Emitter.Run(
            "import", "--haproxy", live.Combine("haproxy.cfg"), "--interfaces", live.Combine("interfaces"), "--zone", live.Combine("db.lef.zone"), "--out", live.Combine("imported"));

        Assert.True(result.ExitCode == 6, result.Output);
    }

    [Fact]
    public void Code_7_out_is_not_a_deploy_folder()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("notes.txt"), "mine\n");

        Assert.Equal(Cli.NotADeployFolder, EmitTo(folder).ExitCode);
    }

    [Fact]
    public void Code_8_the_deploy_could_not_be_written()
    {
        using var disk = new SmallDisk("1m");
        disk.MakeReadOnly();

        Assert.Equal(Cli.WriteFailed, Emitter.EmitTestTopology(Path.Combine(disk.Path, "deploy")).ExitCode);
    }

    [Fact]
    public void Code_9_the_previous_deploy_could_not_be_removed()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy).ExitCode);
        using var pinned = SmallDisk.PinFolder(Path.Combine(deploy, "docs"), parent.Path);

        Assert.Equal(Cli.CleanupFailed, Emitter.EmitShippedTopology(deploy).ExitCode);
    }

    [Fact]
    public void Code_10_another_emit_holds_the_deploy_folder()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        using var held = new FileStream(parent.Combine(".deploy.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);

        Assert.Equal(Cli.Locked, Emitter.Run("emit", "--lock-wait", "0", "--topology", Emitter.TestTopologySources, "--out", deploy).ExitCode);
    }

    [Fact]
    public void Code_11_the_pool_has_fewer_free_values_than_asked()
    {
        using var deploy = new TempDirectory();

        Assert.Equal(Lef.Infra.Emit.Allocation.FreeValues.Exhausted, Emitter.Run("next-vip", "--pool", "Core", "--count", "1000", "--topology", Emitter.TestTopologySources, "--out", deploy.Path).ExitCode);
    }

    [Fact]
    public void Code_12_an_unexpected_failure_is_one_line()
    {
        using var deploy = new TempDirectory();
        using var stderr = new StringWriter();

        // An output that fails when written to: nothing names that failure, so it is the catch-all's.
        var exit = Cli.Run(["emit", "--topology", Emitter.TestTopologySources, "--out", deploy.Path], new FailingWriter(), stderr, new FixedClock(Emitter.Today));

        Assert.Equal(Cli.Unexpected, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("error: unexpected failure, nothing more was done: InvalidOperationException: the console is gone", Assert.Single(lines));
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the console is gone");

        public override void Write(string? value) => throw new InvalidOperationException("the console is gone");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the console is gone");
    }

    private static ToolResult EmitTo(TempDirectory deploy) => Emitter.EmitTestTopology(deploy.Path);

    /// <summary>A row of the README's exit-code table: <c>| 7 | ...</c>.</summary>
    [GeneratedRegex(@"^\| (?<code>[0-9]+) \|", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();

    /// <summary>A row of the help's exit codes, <c>  3     the topology could not be read</c>; not the <c>20-26</c> row.</summary>
    [GeneratedRegex(@"^  (?<code>[0-9]+) +[a-z-]", RegexOptions.Multiline)]
    private static partial Regex HelpRow();
    [Fact]
    public void An_estate_folder_inside_this_repository_is_checked_for_itself()
    {
        // An estate's own Topology/ and deploy/ under a folder that has Lef.Infra.sln above it: emit --check must compare
        // the estate's, not this repository's, or a stale deploy/ reads as up to date.
        var estate = System.IO.Path.Combine(System.AppContext.BaseDirectory, "estate-" + System.Guid.NewGuid().ToString("N")[..8]);
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.Combine(estate, "Topology"));
            foreach (var file in System.IO.Directory.GetFiles(RepoPaths.Topology, "*.cs"))
            {
                System.IO.File.Copy(file, System.IO.Path.Combine(estate, "Topology", System.IO.Path.GetFileName(file)));
            }

            Assert.Equal(Cli.Ok, Emitter.Run("emit", "--topology", System.IO.Path.Combine(estate, "Topology"), "--out", System.IO.Path.Combine(estate, "deploy")).ExitCode);
            var vips = System.IO.Path.Combine(estate, "Topology", "Vips.cs");
            Assert.Contains("\"10.20.0.107\"", System.IO.File.ReadAllText(vips));
            System.IO.File.WriteAllText(vips, System.IO.File.ReadAllText(vips).Replace("\"10.20.0.107\"", "\"10.20.0.150\"", System.StringComparison.Ordinal));

            var check = Tool.Run("sh", "-c", "cd \"$1\" && exec \"$2\" \"$3\" emit --check", "sh", estate, Tool.Dotnet, System.IO.Path.Combine(System.AppContext.BaseDirectory, "lef-infra.dll"));

            Assert.True(check.ExitCode == Cli.Drift, "emit --check in the estate: " + check.Output);
            Assert.Contains("10.20.0.150", check.StandardOutput, System.StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(estate, recursive: true);
        }
    }
}
