using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Apply;
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

    private const string ExitCodes =
        "Exit codes: 0 success, nothing differs; 1 deploy/ is stale (emit --check) or a deploy would change the live files (diff); "
        + "2 the topology breaks a rule (nothing written); 3 the topology could not be loaded; 4 bad arguments; " + VerifyCommand.ExitCodes
        + " plan/apply/rollback/status/drain: 20-26, see their --help.";

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
        var assemblyOption = new Option<string?>("--assembly") { Description = "A compiled Topology assembly to use instead of the one the tool was built with." };
        var sourceOption = new Option<string?>("--source") { Description = "The Topology sources, for file:line in errors (default: Topology/ at the repository root)." };
        var againstOption = new Option<string>("--against")
        {
            Description = "A copy of one host's live files at their absolute paths, e.g. live/etc/haproxy/haproxy.cfg, live/etc/network/interfaces.d/lef-ens18.",
            Required = true,
        };
        var hostOption = new Option<string?>("--host") { Description = "The host the copy comes from (default: the only proxy host); " + DnsLayout.Host + " for the DNS files." };

        var emit = new Command("emit", "Check the topology and write every deployable (the default command). " + ExitCodes)
        {
            outOption, checkOption, assemblyOption, sourceOption,
        };
        var list = new Command("list", "Print a table of endpoints: VIP, alias, port, engine, backend, DNS views.") { assemblyOption, sourceOption };
        var diff = new Command("diff", "Print what a deploy would change on one host, as a unified diff against a copy of its live files. " + ExitCodes)
        {
            againstOption, hostOption, outOption, assemblyOption, sourceOption,
        };

        var root = new RootCommand("Lef.Infra: database endpoints behind HAProxy, declared in Topology/*.cs. " + ExitCodes)
        {
            outOption, checkOption, assemblyOption, sourceOption,
        };
        root.Subcommands.Add(emit);
        root.Subcommands.Add(list);
        root.Subcommands.Add(diff);
        root.Subcommands.Add(ImportCommand.Create(output, errors));
        root.Subcommands.Add(VerifyCommand.Create(assemblyOption, sourceOption, (assembly, source) => Load(assembly, source, RepoLayout.Root(), errors), output, errors));
        foreach (var command in ApplyCommands.Create(() => Path.Combine(RepoLayout.Root(), "deploy"), output, errors))
        {
            root.Subcommands.Add(command);
        }

        Func<ParseResult, int> emitAction = parse => Emit(
            new Inputs(parse.GetValue(assemblyOption), parse.GetValue(sourceOption), parse.GetValue(outOption), today), parse.GetValue(checkOption), output, errors);
        root.SetAction(emitAction);
        emit.SetAction(emitAction);
        list.SetAction(parse => List(parse.GetValue(assemblyOption), parse.GetValue(sourceOption), output, errors));
        diff.SetAction(parse => Diff(
            new Inputs(parse.GetValue(assemblyOption), parse.GetValue(sourceOption), parse.GetValue(outOption), today),
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

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = errors });
    }

    private static int Emit(Inputs inputs, bool check, TextWriter output, TextWriter errors)
    {
        if (Render(inputs, errors, out var rendered) is { } failed)
        {
            return failed;
        }

        var (artifacts, current, target) = rendered;
        if (!check)
        {
            DeployDirectory.Replace(target, artifacts);
            output.WriteLine("wrote " + artifacts.Files.Count + " files to " + Path.GetRelativePath(Environment.CurrentDirectory, target));
            return Ok;
        }

        var changes = DeployDirectory.Changes(current, artifacts);
        foreach (var (path, had, wanted) in changes)
        {
            output.Write(UnifiedDiff.Write(had, wanted, "deploy/" + path, "topology/" + path));
        }

        if (changes.Count == 0)
        {
            output.WriteLine("deploy is up to date");
            return Ok;
        }

        output.WriteLine(changes.Count + " file(s) in " + Path.GetRelativePath(Environment.CurrentDirectory, target) + " differ from the topology ("
            + string.Join(", ", changes.Select(c => c.Path)) + "); run `dotnet run --project Lef.Infra.Emit` and commit deploy/");
        return Drift;
    }

    private static int Diff(Inputs inputs, string against, string? host, TextWriter output, TextWriter errors)
    {
        if (!Directory.Exists(against))
        {
            errors.WriteLine("error: --against " + against + " is not a folder");
            return Usage;
        }

        if (Render(inputs, errors, out var rendered) is { } failed)
        {
            return failed;
        }

        var targets = rendered.Artifacts.Files
            .Select(f => (DeployPath: f.Key, Content: f.Value, Live: LiveLayout.Target(f.Key)))
            .Where(t => t.Live is not null)
            .Select(t => (t.DeployPath, t.Content, t.Live!.Value.Host, LivePath: t.Live!.Value.Path))
            .ToList();
        var hosts = targets.Select(t => t.Host).Distinct().Order(StringComparer.Ordinal).ToList();
        var proxyHosts = hosts.Where(h => h != DnsLayout.Host).ToList();
        host ??= proxyHosts.Count == 1 ? proxyHosts[0] : null;
        if (host is null || !hosts.Contains(host))
        {
            errors.WriteLine("error: " + (host is null ? "pass --host" : "no deployables for host " + host) + "; the topology deploys to " + string.Join(", ", hosts));
            return Usage;
        }

        var mine = targets.Where(t => t.Host == host).ToList();
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

    private static int List(string? assemblyPath, string? sourceDirectory, TextWriter output, TextWriter errors)
    {
        if (Load(assemblyPath, sourceDirectory, RepoLayout.Root(), errors) is not { } topology)
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

    /// <summary>Loads and checks the topology, then renders it against the deploy folder's current files. An exit code on failure.</summary>
    private static int? Render(Inputs inputs, TextWriter errors, out Rendered rendered)
    {
        rendered = default;
        var repoRoot = RepoLayout.Root();
        if (Load(inputs.AssemblyPath, inputs.SourceDirectory, repoRoot, errors) is not { } topology)
        {
            return CannotLoad;
        }

        if (!Report(topology, errors))
        {
            errors.WriteLine("The topology is invalid: nothing was written.");
            return InvalidTopology;
        }

        var target = inputs.OutDirectory ?? Path.Combine(repoRoot, "deploy");
        var current = DeployDirectory.ReadAll(target);
        rendered = new Rendered(ArtifactSet.Render(topology.Model, current, inputs.Today), current, target);
        return null;
    }

    private static LoadedTopology? Load(string? assemblyPath, string? sourceDirectory, string repoRoot, TextWriter errors)
    {
        try
        {
            var assembly = TopologyLoader.LoadAssembly(assemblyPath);
            var sites = TopologyLoader.Sites(sourceDirectory ?? Path.Combine(repoRoot, "Topology"), repoRoot, assembly);
            return TopologyLoader.Load(assembly, sites);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            errors.WriteLine("error: cannot load the topology: " + e.Message);
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
    private sealed record Inputs(string? AssemblyPath, string? SourceDirectory, string? OutDirectory, DateOnly Today);

    private readonly record struct Rendered(ArtifactSet Artifacts, IReadOnlyDictionary<string, string> Current, string Target);
}
