using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lef.Infra.Emit.Apply;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

/// <summary>The apply commands' refusals that need no host: bad arguments and unreachable hosts, each one line and one code.</summary>
public sealed class ApplyCommandTests
{
    private static string Deploy => Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public void An_unreachable_host_is_one_line_naming_the_host_and_exit_23()
    {
        using var folder = new TempDirectory();

        // The real ssh, sent to a port where nothing listens.
        File.WriteAllText(folder.Combine("ssh_config"), "Host *\n    HostName 127.0.0.1\n    Port 9\n    ConnectTimeout 3\n    StrictHostKeyChecking yes\n    UserKnownHostsFile /dev/null\n");
        Tool.Require("ssh");

        foreach (var command in new[] { "plan", "apply", "status" })
        {
            var result = Emitter.Run(command, "--deploy", Deploy, "--ssh-config", folder.Combine("ssh_config"));

            Assert.True(result.ExitCode == ApplyExit.CheckFailed, command + ": " + result.Output);
            var line = Assert.Single(result.StandardError.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches(@"^error: (dns|proxy)\.core\.lef: connect: unreachable \(ssh -T -o BatchMode=yes -F " + Regex.Escape(folder.Combine("ssh_config")) + @" -- \1\.core\.lef sh\): .*Connection refused.*; nothing live was changed$", line);
        }
    }

    [Fact]
    public void A_host_deploy_does_not_name_a_missing_plan_and_rollback_without_host_are_bad_arguments()
    {
        var host = Emitter.Run("apply", "--deploy", Deploy, "--host", "proxy.nowhere.lef");
        Assert.Equal(Cli.Usage, host.ExitCode);
        Assert.Equal("error: no deployables for host proxy.nowhere.lef; deploy/ names dns.core.lef, proxy.core.lef\n", host.StandardError);

        var plan = Emitter.Run("apply", "--deploy", Deploy, "--plan", "/nonexistent/plan");
        Assert.Equal(Cli.Usage, plan.ExitCode);
        Assert.Contains("/nonexistent/plan", plan.StandardError);

        var rollback = Emitter.Run("rollback", "--deploy", Deploy);
        Assert.Equal(Cli.Usage, rollback.ExitCode);
        Assert.Equal("error: rollback needs --host (one host at a time)\n", rollback.StandardError);

        var deploy = Emitter.Run("plan", "--deploy", "/nonexistent/deploy");
        Assert.Equal(Cli.Usage, deploy.ExitCode);
        Assert.StartsWith("error: no deploy folder at /nonexistent/deploy", deploy.StandardError);
    }

    [Fact]
    public void Apply_to_one_node_of_a_pair_is_refused_unless_split_pair_says_so()
    {
        using var folder = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(folder.Combine("deploy")).ExitCode);

        // Nothing is contacted: the refusal comes from deploy/ alone.
        var refused = Emitter.Run("apply", "--deploy", folder.Combine("deploy"), "--host", "proxy-a.core.lef");
        Assert.Equal(Cli.Usage, refused.ExitCode);
        Assert.Equal(
            "error: proxy-a.core.lef is a node of a pair with proxy-b.core.lef: applied alone, the pair would run two configurations and a failover would serve the other one;"
            + " apply without --host (the pair rolls, backup first), or add --split-pair while the peer is down\n",
            refused.StandardError);

        // --split-pair goes on to the host (unreachable here: exit 23, nothing changed).
        File.WriteAllText(folder.Combine("ssh_config"), "Host *\n    HostName 127.0.0.1\n    Port 9\n    ConnectTimeout 3\n    StrictHostKeyChecking yes\n    UserKnownHostsFile /dev/null\n");
        Tool.Require("ssh");
        var split = Emitter.Run("apply", "--deploy", folder.Combine("deploy"), "--host", "proxy-a.core.lef", "--split-pair", "--ssh-config", folder.Combine("ssh_config"));
        Assert.True(split.ExitCode == ApplyExit.CheckFailed, split.Output);
        Assert.Contains("proxy-a.core.lef: connect: unreachable", split.StandardError, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_reads_deploy_only_once_an_emit_writing_it_has_finished()
    {
        using var parent = new TempDirectory();
        var deploy = parent.Combine("deploy");
        Assert.Equal(Cli.Ok, Emitter.Run("emit", "--topology", RepoPaths.Topology, "--out", deploy).ExitCode);
        var lockFile = parent.Combine(".deploy.lock");
        var clock = Stopwatch.StartNew();
        using var emit = BackgroundProcess.Start("flock", [lockFile, "sleep", "2"]);
        DeployFolderTests.WaitUntilHeld(lockFile, emit);

        // An emit exchanging deploy/ while apply reads it would give a host files from two trees: apply waits for it.
        var result = Emitter.Run("apply", "--deploy", deploy, "--host", "proxy.nowhere.lef");

        Assert.Equal(Cli.Usage, result.ExitCode);
        Assert.StartsWith("error: no deployables for host proxy.nowhere.lef", result.StandardError);
        Assert.True(clock.Elapsed > System.TimeSpan.FromSeconds(1.5), "apply read deploy/ after " + clock.Elapsed.TotalSeconds + " s, while an emit held it for 2 s");
    }

    [Fact]
    public void Help_documents_every_exit_code()
    {
        var help = Emitter.Run("apply", "--help");

        foreach (var code in new[] { "0 applied", "20 nothing to do", "21 refused: stale plan", "22 refused: host locked", "23 a check failed before anything live changed", "24 failed after the swap and rolled back", "25 the rollback failed too", "26 drain" })
        {
            Assert.Contains(code, help.StandardOutput.Replace("\n", " ", System.StringComparison.Ordinal).Split(' ', System.StringSplitOptions.RemoveEmptyEntries).Aggregate((a, b) => a + " " + b));
        }
    }

    [Fact]
    public void The_transport_is_the_users_ssh_with_their_options_or_a_local_shell()
    {
        Assert.Equal(["sh"], new Transport(true, "/x", []).Command("h"));
        Assert.Equal(["ssh", "-T", "-o", "BatchMode=yes", "-F", "/cfg", "-o", "ConnectTimeout=5", "--", "proxy.core.lef", "sh"], new Transport(false, "/cfg", ["ConnectTimeout=5"]).Command("proxy.core.lef"));
    }

    [Fact]
    public void Shell_words_carry_quotes_as_data()
    {
        var quoted = Shell.Quote("it's; rm -rf /");
        var echo = Tool.Run("sh", "-c", "printf '%s' " + quoted);

        Assert.Equal("it's; rm -rf /", echo.StandardOutput);
    }
}
