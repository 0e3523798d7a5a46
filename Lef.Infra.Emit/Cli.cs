using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Allocation;
using Lef.Infra.Emit.Apply;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Import;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Emit.Verification;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit;

/// <summary>The command line. Exit codes are part of the contract: CI and scripts branch on them.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Drift = 1;
    public const int InvalidTopology = 2;
    public const int CannotLoad = 3;
    public const int Usage = 4;
    public const int NotADeployFolder = 7;
    public const int WriteFailed = 8;
    public const int CleanupFailed = 9;
    public const int Locked = 10;

    /// <summary>A failure no other code names: one line, never System.CommandLine's stack trace and its exit 1 ("differs").</summary>
    public const int Unexpected = 12;

    public static readonly ExitCode BadArguments = new(Usage, "bad arguments");

    public static readonly ExitCode TopologyBreaksARule = new(InvalidTopology, "the topology breaks a rule");

    public static readonly ExitCode TopologyCannotBeRead = new(CannotLoad, "the topology could not be read (a missing folder, or a compiler error: each is printed)");

    /// <summary>Any command can end this way: <see cref="Run"/> catches what nothing else did.</summary>
    public static readonly ExitCode UnexpectedFailure = new(Unexpected, "an unexpected failure (one line naming it; please report it)");

    private static readonly ExitCode BadDeployFolder = new(NotADeployFolder, "--out is not a deploy folder the tool made (a file, a folder with other things in it; nothing written)");

    private static readonly ExitCode DeployNotReadOrWritten = new(WriteFailed, "the deploy could not be written or read (disk full, read-only; the previous deploy is unchanged)");

    private static readonly ExitCode DeployLocked = new(Locked, "another emit held the deploy folder longer than --lock-wait");

    private static readonly ExitCode RefusedTopology = new(InvalidTopology, "the topology breaks a rule, or is empty over a deploy that is not (nothing written)");

    private static readonly ExitCode PreviousDeployKept = new(CleanupFailed, "the new deploy is in place but the previous one could not be removed");

    /// <summary>What emit can end with. The root command emits too, but its help lists every code of the tool (<see cref="ExitCodes"/>).</summary>
    private static readonly ExitCode[] EmitCodes =
    [
        new(Ok, "success: the deploy is written, or (--check) up to date"),
        new(Drift, "--check: deploy/ differs from the topology (the diff is printed)"),
        RefusedTopology,
        TopologyCannotBeRead,
        BadArguments,
        BadDeployFolder,
        DeployNotReadOrWritten,
        PreviousDeployKept,
        DeployLocked,
        UnexpectedFailure,
    ];

    /// <summary>What diff can end with: it reads the deploy folder and writes nothing.</summary>
    private static readonly ExitCode[] DiffCodes =
    [
        new(Ok, "the live copy matches the deployables"),
        new(Drift, "a deploy would change the live files (the diff is printed)"),
        TopologyBreaksARule,
        TopologyCannotBeRead,
        new(Usage, "bad arguments (--against is not a folder, --host names no host of the topology)"),
        BadDeployFolder,
        DeployNotReadOrWritten,
        DeployLocked,
        UnexpectedFailure,
    ];

    /// <summary>Every code of the tool, the host commands' (20-26) as one row: the root's help lists them for scripts that call any command.</summary>
    private static readonly ExitCode[] ExitCodes =
    [
        new(Ok, "success, nothing differs"),
        new(Drift, "deploy/ is stale (emit --check) or a deploy would change the live files (diff)"),
        RefusedTopology,
        TopologyCannotBeRead,
        BadArguments,
        VerifyCommand.FailedCode,
        new(ImportCommand.ImportedWithWarnings, "import: files written, some parts need a decision"),
        BadDeployFolder,
        DeployNotReadOrWritten,
        PreviousDeployKept,
        DeployLocked,
        FreeValues.ExhaustedCode,
        UnexpectedFailure,
        new("20-26", "plan, apply, rollback, status, drain: see their --help"),
    ];

    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where output goes (default: the console).</param>
    /// <param name="stderr">Where errors go (default: the console).</param>
    /// <param name="clock">Today's date for new zone serials (default: the system clock); tests pass a fixed one.</param>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? clock = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var today = DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);

        var outOption = new Option<string?>("--out") { Description = "The deploy folder (default: deploy/ at the repository root); zone serials continue from the files in it." };
        var checkOption = new Option<bool>("--check") { Description = "Write nothing; when the deploy folder differs from the topology, print a unified diff and exit 1." };
        var topologyOption = new Option<string?>("--topology")
        {
            Description = "The Topology folder: its .cs files are compiled in memory and read, never run (default: Topology/ at the repository root).",
        };
        var allowEmptyOption = new Option<bool>("--allow-empty")
        {
            Description = "Let a topology with no endpoint replace a deploy folder that has some (it empties haproxy.cfg, the interfaces and the zones); refused (exit 2) without it.",
        };
        var lockWaitOption = new Option<string?>("--lock-wait") { Description = "Seconds to wait for another emit writing the same deploy folder (default 30, at most 3600); then exit 10." };
        var againstOption = new Option<string>("--against")
        {
            Description = "A copy of one host's live files at their absolute paths, e.g. live/etc/haproxy/haproxy.cfg, live/etc/network/interfaces.d/lef-ens18.",
            Required = true,
        };
        var hostOption = new Option<string?>("--host") { Description = "The host the copy comes from (default: the only proxy host); " + DnsLayout.Host + " for the DNS files." };

        var emit = new Command("emit", "Check the topology and write every deployable (the default command).")
        {
            outOption, checkOption, allowEmptyOption, lockWaitOption, topologyOption,
        }.WithExitCodes(EmitCodes);
        var list = new Command("list", "Print a table of endpoints: VIP, alias, port, engine, backend, DNS views.") { topologyOption }
            .WithExitCodes(new(Ok, "printed"), TopologyBreaksARule, TopologyCannotBeRead, BadArguments, UnexpectedFailure);
        var diff = new Command("diff", "Print what a deploy would change on one host, as a unified diff against a copy of its live files.")
        {
            againstOption, hostOption, outOption, topologyOption,
        }.WithExitCodes(DiffCodes);

        var root = new RootCommand("Lef.Infra: database endpoints behind HAProxy, declared in Topology/*.cs. Without a command, it emits.")
        {
            outOption, checkOption, allowEmptyOption, lockWaitOption, topologyOption,
        }.WithExitCodes(ExitCodes);
        CommandHelp.ShowExitCodes(root);
        root.Subcommands.Add(emit);
        root.Subcommands.Add(list);
        root.Subcommands.Add(diff);
        root.Subcommands.Add(ImportCommand.Create(output, errors));
        root.Subcommands.Add(VerifyCommand.Create(topologyOption, topology => Load(topology, RepoLayout.Root(), errors), output, errors));
        Func<string?, string> deployFolder = outDirectory => outDirectory ?? Path.Combine(RepoLayout.Root(), "deploy");
        root.Subcommands.Add(NextValueCommands.NextVip(topologyOption, outOption, topology => Load(topology, RepoLayout.Root(), errors), deployFolder, output, errors));
        root.Subcommands.Add(NextValueCommands.NextAlias(topologyOption, outOption, topology => Load(topology, RepoLayout.Root(), errors), deployFolder, output, errors));
        foreach (var command in ApplyCommands.Create(() => Path.Combine(RepoLayout.Root(), "deploy"), output, errors))
        {
            root.Subcommands.Add(command);
        }

        Func<ParseResult, int> emitAction = parse => Emit(
            new Inputs(parse.GetValue(topologyOption), parse.GetValue(outOption), today),
            new EmitOptions(parse.GetValue(checkOption), parse.GetValue(allowEmptyOption), parse.GetValue(lockWaitOption)),
            output,
            errors);
        root.SetAction(emitAction);
        emit.SetAction(emitAction);
        list.SetAction(parse => List(parse.GetValue(topologyOption), output, errors));
        diff.SetAction(parse => Diff(
            new Inputs(parse.GetValue(topologyOption), parse.GetValue(outOption), today),
            parse.GetValue(againstOption)!,
            parse.GetValue(hostOption),
            output,
            errors));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Not System.CommandLine's default exit code 1: that one means "differs".
            foreach (var error in parsed.Errors)
            {
                errors.WriteLine("error: " + error.Message);
            }

            errors.WriteLine("Run with --help for usage.");
            return Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            errors.WriteLine("error: unexpected failure, nothing more was done: " + e.GetType().Name + ": " + Import.InertText.Line(e.Message));
            return Unexpected;
        }
    }

    private static int Emit(Inputs inputs, EmitOptions options, TextWriter output, TextWriter errors)
    {
        if (!TryLockWait(options.LockWait, out var lockWait))
        {
            errors.WriteLine("error: --lock-wait " + options.LockWait + " is not a number of seconds from 0 to " + MaxLockWaitSeconds);
            return Usage;
        }

        if (Check(inputs, errors, out var failed) is not { } topology)
        {
            return failed;
        }

        var target = Target(inputs);
        try
        {
            if (options.Check)
            {
                using var inspected = DeployFolder.Inspect(target, lockWait);
                return CheckDrift(inspected.Render(topology.Model, inputs.Today), inspected, output);
            }

            using var folder = DeployFolder.Open(target, lockWait);
            var artifacts = folder.Render(topology.Model, inputs.Today);
            if (topology.Model.Endpoints.Count == 0 && !options.AllowEmpty && DeployDirectory.Changes(folder.Current, artifacts).Any(c => c.Current is not null))
            {
                errors.WriteLine("error: the topology declares no endpoint, and emitting it would empty " + Shown(folder.Path)
                    + " (haproxy.cfg, interfaces, zones): pass --allow-empty to do that; nothing was written");
                return InvalidTopology;
            }

            folder.Replace(artifacts);
            output.WriteLine("wrote " + artifacts.Files.Count + " files to " + Shown(folder.Path));
            return Ok;
        }
        catch (DeployFolderException e)
        {
            errors.WriteLine("error: " + e.Message);
            return ExitCodeOf(e.Failure);
        }
    }

    private static int ExitCodeOf(DeployFailure failure) => failure switch
    {
        DeployFailure.NotADeployFolder => NotADeployFolder,
        DeployFailure.WriteFailed => WriteFailed,
        DeployFailure.CleanupFailed => CleanupFailed,
        _ => Locked,
    };

    private static int CheckDrift(ArtifactSet artifacts, DeployFolder folder, TextWriter output)
    {
        var changes = DeployDirectory.Changes(folder.Current, artifacts);
        foreach (var (path, had, wanted) in changes)
        {
            output.Write(UnifiedDiff.Write(had, wanted, "deploy/" + path, "topology/" + path));
        }

        if (changes.Count == 0)
        {
            output.WriteLine("deploy is up to date");
            return Ok;
        }

        output.WriteLine(changes.Count + " file(s) in " + Shown(folder.Path) + " differ from the topology ("
            + string.Join(", ", changes.Select(c => c.Path)) + "); run `" + RepoLayout.EmitCommand() + "` and commit deploy/");
        return Drift;
    }

    private static int Diff(Inputs inputs, string against, string? host, TextWriter output, TextWriter errors)
    {
        if (!Directory.Exists(against))
        {
            errors.WriteLine("error: --against " + against + " is not a folder");
            return Usage;
        }

        if (Check(inputs, errors, out var failed) is not { } topology)
        {
            return failed;
        }

        ArtifactSet artifacts;
        try
        {
            using var folder = DeployFolder.Inspect(Target(inputs), DefaultLockWait);
            artifacts = folder.Render(topology.Model, inputs.Today);
        }
        catch (DeployFolderException e)
        {
            errors.WriteLine("error: " + e.Message);
            return ExitCodeOf(e.Failure);
        }

        var targets = artifacts.Files
            .Select(f => (DeployPath: f.Key, Content: f.Value, Live: LiveLayout.Target(f.Key)))
            .Where(t => t.Live is not null)
            .Select(t => (t.DeployPath, t.Content, t.Live!.Value.Host, LivePath: t.Live!.Value.Path))
            .ToList();
        var hosts = targets.Select(t => t.Host).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var proxyHosts = hosts.Where(h => !Names.SameHost(h, DnsLayout.Host)).ToList();
        host ??= proxyHosts.Count == 1 ? proxyHosts[0] : null;
        if (host is null || !hosts.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            errors.WriteLine("error: " + (host is null ? "pass --host" : "no deployables for host " + host) + "; the topology deploys to " + string.Join(", ", hosts));
            return Usage;
        }

        var mine = targets.Where(t => Names.SameHost(t.Host, host)).ToList();
        var changed = 0;
        foreach (var (deployPath, content, _, livePath) in mine)
        {
            // Both labels name the live path, so `patch -p1 -d DIR` applies the diff to the copy (new files included).
            var patch = UnifiedDiff.Write(DeployDirectory.ReadLive(against, livePath), content, "live" + livePath, "deployed" + livePath);
            if (patch.Length > 0)
            {
                output.WriteLine("# " + host + ":" + livePath + " <- deploy/" + deployPath);
                output.Write(patch);
                changed++;
            }
        }

        output.WriteLine(changed == 0
            ? host + ": the live copy matches the deployables (" + mine.Count + " files)"
            : host + ": a deploy would change " + changed + " of " + mine.Count + " files");
        return changed == 0 ? Ok : Drift;
    }

    private static int List(string? topologyDirectory, TextWriter output, TextWriter errors)
    {
        if (Load(topologyDirectory, RepoLayout.Root(), errors) is not { } topology)
        {
            return CannotLoad;
        }

        if (!Report(topology, errors))
        {
            errors.WriteLine("The topology is invalid: fix the errors above to list it.");
            return InvalidTopology;
        }

        output.Write(FactsTableWriter.Table(topology.Model));
        return Ok;
    }

    private const int MaxLockWaitSeconds = 3600;

    private static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(30);

    /// <summary>Loads and checks the topology; null, with the reason printed and its exit code, when it cannot be used.</summary>
    private static LoadedTopology? Check(Inputs inputs, TextWriter errors, out int failed)
    {
        failed = Ok;
        if (Load(inputs.TopologyDirectory, RepoLayout.Root(), errors) is not { } topology)
        {
            failed = CannotLoad;
            return null;
        }

        if (!Report(topology, errors))
        {
            errors.WriteLine("The topology is invalid: nothing was written.");
            failed = InvalidTopology;
            return null;
        }

        return topology;
    }

    private static string Target(Inputs inputs) => inputs.OutDirectory ?? Path.Combine(RepoLayout.Root(), "deploy");

    private static string Shown(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);

    private static bool TryLockWait(string? text, out TimeSpan wait)
    {
        wait = DefaultLockWait;
        if (text is null)
        {
            return true;
        }

        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxLockWaitSeconds)
        {
            return false;
        }

        wait = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Compiles and reads the topology folder; on failure prints why, one line per problem, and gives null.</summary>
    private static LoadedTopology? Load(string? topologyDirectory, string repoRoot, TextWriter errors)
    {
        var directory = Path.GetFullPath(topologyDirectory ?? Path.Combine(repoRoot, "Topology"));
        try
        {
            return TopologyLoader.Load(directory, repoRoot);
        }
        catch (TopologyLoadException e)
        {
            foreach (var message in e.Messages)
            {
                errors.WriteLine(message);
            }

            errors.WriteLine("The topology in " + Path.GetRelativePath(Environment.CurrentDirectory, directory) + " could not be read: nothing was written.");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine("error: cannot read the topology in " + directory + ": " + e.Message);
            return null;
        }
    }

    /// <summary>Prints every violation, compiler style. True when none is an error.</summary>
    private static bool Report(LoadedTopology topology, TextWriter errors)
    {
        foreach (var violation in topology.Violations)
        {
            errors.WriteLine(violation.Format(violation.Site.Path));
        }

        return topology.IsValid;
    }

    /// <summary>What every rendering command takes: the topology, the deploy folder, and today's date for new serials.</summary>
    private sealed record Inputs(string? TopologyDirectory, string? OutDirectory, DateOnly Today);

    private sealed record EmitOptions(bool Check, bool AllowEmpty, string? LockWait);
}
