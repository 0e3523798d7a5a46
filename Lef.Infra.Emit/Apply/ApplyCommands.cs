using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>plan</c>, <c>apply</c>, <c>rollback</c>, <c>status</c> and <c>drain</c>: deploy/ taken to the hosts over the user's ssh.</summary>
internal static class ApplyCommands
{
    public static IEnumerable<Command> Create(Func<string> defaultDeploy, TextWriter output, TextWriter errors)
    {
        var deployOption = new Option<string?>("--deploy") { Description = "The deploy folder to take to the hosts (default: deploy/ at the repository root)." };
        var hostOption = new Option<string?>("--host") { Description = "Only this host (default: every host deploy/ names: proxy hosts, then the DNS host)." };
        var localOption = new Option<bool>("--local") { Description = "Run on this machine, which is the host (no ssh)." };
        var sshConfigOption = new Option<string?>("--ssh-config") { Description = "An ssh config file (ssh -F); by default ssh reads the user's own." };
        var sshOptions = new Option<string[]>("--ssh-option") { Description = "An ssh option (ssh -o), repeatable, e.g. --ssh-option ConnectTimeout=5.", DefaultValueFactory = _ => [] };
        var lockWaitOption = new Option<double>("--lock-wait") { Description = "Seconds to wait for another apply's lock on a host before refusing.", DefaultValueFactory = _ => 30 };
        Option[] common = [deployOption, hostOption, localOption, sshConfigOption, sshOptions];

        HostContext Context(ParseResult parse) => new(
            parse.GetValue(deployOption) ?? defaultDeploy(),
            parse.GetValue(hostOption),
            new Transport(parse.GetValue(localOption), parse.GetValue(sshConfigOption), parse.GetValue(sshOptions) ?? []),
            output,
            errors);

        var saveOption = new Option<string?>("--save") { Description = "Record the hashes of what was read, for apply --plan." };
        var plan = new Command("plan", "Read each host's live files and print what apply would change there, and why.") { saveOption };
        Add(plan, common);
        plan.SetAction(parse => Guard(errors, () => PlanCommand.RunAsync(Context(parse), parse.GetValue(saveOption))));

        var planOption = new Option<string?>("--plan") { Description = "A plan saved by plan --save: refuse a host whose live files or deployables changed since." };
        var drainOption = new Option<bool>("--drain") { Description = "Drain a removed endpoint's sessions (bounded by --drain-timeout) instead of refusing to remove it." };
        var drainTimeoutOption = new Option<double>("--drain-timeout") { Description = "Seconds a drain waits for sessions to end.", DefaultValueFactory = _ => 60 };
        var keepOption = new Option<int>("--keep") { Description = "Generations kept on each host for rollback.", DefaultValueFactory = _ => 5 };
        var removalWaitOption = new Option<double?>("--removal-wait") { Description = "Seconds between removing names from DNS and removing their listens (default: the zones' TTL)." };
        var splitPairOption = new Option<bool>("--split-pair")
        {
            Description = "With --host naming one node of a pair: apply to it alone, though its peer keeps its old files (only while the peer is down; apply both as soon as it is back).",
        };
        var apply = new Command("apply", "Take deploy/ to the hosts: stage, check, aliases up, swap, hitless reload, verify, roll back on failure; DNS last (first when endpoints are removed).")
        {
            planOption, drainOption, drainTimeoutOption, keepOption, removalWaitOption, lockWaitOption, splitPairOption,
        };
        Add(apply, common);
        apply.SetAction(parse => Guard(errors, () => ApplyCommand.RunAsync(
            Context(parse),
            parse.GetValue(planOption),
            parse.GetValue(removalWaitOption),
            parse.GetValue(splitPairOption),
            Settings(parse.GetValue(deployOption) ?? defaultDeploy(), parse.GetValue(keepOption), parse.GetValue(drainOption), parse.GetValue(drainTimeoutOption), parse.GetValue(lockWaitOption)))));

        var rollback = new Command("rollback", "Put a host back to its previous generation, with a reload (never a restart), and verify it.") { keepOption, lockWaitOption };
        Add(rollback, common);
        rollback.SetAction(parse => Guard(errors, () => RollbackCommand.RunAsync(
            Context(parse),
            Settings(parse.GetValue(deployOption) ?? defaultDeploy(), parse.GetValue(keepOption), false, 60, parse.GetValue(lockWaitOption)))));

        var status = new Command("status", "Live state per endpoint from HAProxy's admin socket (UP/DOWN/DRAIN, last check, sessions), the live generation and the journal's last lines.");
        Add(status, common);
        status.SetAction(parse => Guard(errors, () => StatusCommand.RunAsync(Context(parse))));

        var endpointOption = new Option<string>("--endpoint") { Description = "The endpoint to drain (its name, as in <name>.db.lef).", Required = true };
        var timeoutOption = new Option<double>("--timeout") { Description = "Seconds to wait for its sessions to end.", DefaultValueFactory = _ => 60 };
        var readyOption = new Option<bool>("--ready") { Description = "Undo a drain: set the endpoint's servers ready again (new sessions reach them)." };
        var drain = new Command("drain", "Stop new sessions to an endpoint's servers and wait (bounded) for open ones to end; report what is left. --ready undoes it.") { endpointOption, timeoutOption, readyOption };
        Add(drain, common);
        drain.SetAction(parse => Guard(errors, () => DrainCommand.RunAsync(Context(parse), parse.GetValue(endpointOption)!, TimeSpan.FromSeconds(parse.GetValue(timeoutOption)), parse.GetValue(readyOption))));

        return [plan, apply, rollback, status, drain];
    }

    /// <summary>The options every host command takes, and the exit codes they share.</summary>
    private static void Add(Command command, Option[] options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.WithExitCodes(ApplyExit.Codes);
    }

    private static ApplySettings Settings(string deploy, int keep, bool drain, double drainTimeout, double lockWait) =>
        new(Commit(deploy), Environment.UserName + "@" + Environment.MachineName, Math.Max(2, keep), drain, TimeSpan.FromSeconds(drainTimeout), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(lockWait));

    /// <summary>Every failure is one line and one code; nothing is left half done without saying so.</summary>
    private static int Guard(TextWriter errors, Func<Task<int>> run)
    {
        try
        {
            return run().GetAwaiter().GetResult();
        }
        catch (ApplyFailure e)
        {
            errors.WriteLine("error: " + e.Message);
            return e.Code;
        }
        catch (HostLockedException e)
        {
            errors.WriteLine("error: " + e.Message + "; nothing was changed");
            return ApplyExit.Refused;
        }
        catch (HostStepException e)
        {
            errors.WriteLine("error: " + e.Message + "; nothing live was changed");
            return ApplyExit.CheckFailed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            errors.WriteLine("error: " + e.Message);
            return Cli.Usage;
        }
    }

    /// <summary>The commit deploy/ comes from, for the journal; "unknown" outside a git work tree.</summary>
    private static string Commit(string deploy)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", Directory.Exists(deploy) ? deploy : ".", "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && head.Length > 0 ? head : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
