using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Emit.Verification;

namespace Lef.Infra.Emit;

/// <summary>The command line. Exit codes are part of the contract: CI and scripts branch on them.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Drift = 1;
    public const int InvalidTopology = 2;
    public const int CannotLoad = 3;

    private const string ExitCodes =
        "Exit codes: 0 success; 1 deploy/ is stale (--check); 2 the topology breaks a rule (nothing written); 3 the topology could not be loaded; " + VerifyCommand.ExitCodes;

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;

        var outOption = new Option<string?>("--out") { Description = "Folder to write the deployables to (default: deploy/ at the repository root)." };
        var checkOption = new Option<bool>("--check") { Description = "Write nothing; exit 1 and list the files that differ when the folder is stale." };
        var assemblyOption = new Option<string?>("--assembly") { Description = "A compiled Topology assembly to use instead of the one the tool was built with." };
        var sourceOption = new Option<string?>("--source") { Description = "The Topology sources, for file:line in errors (default: Topology/ at the repository root)." };

        var emit = new Command("emit", "Check the topology and write every deployable (the default command). " + ExitCodes)
        {
            outOption, checkOption, assemblyOption, sourceOption,
        };
        var list = new Command("list", "Print a table of endpoints.") { assemblyOption, sourceOption };

        var root = new RootCommand("Lef.Infra: database endpoints behind HAProxy, declared in Topology/*.cs. " + ExitCodes)
        {
            outOption, checkOption, assemblyOption, sourceOption,
        };
        root.Subcommands.Add(emit);
        root.Subcommands.Add(list);
        root.Subcommands.Add(VerifyCommand.Create(assemblyOption, sourceOption, (assembly, source) => Load(assembly, source, RepoLayout.Root(), errors), output, errors));

        Func<ParseResult, int> emitAction = parse => Emit(
            parse.GetValue(outOption), parse.GetValue(checkOption), parse.GetValue(assemblyOption), parse.GetValue(sourceOption), output, errors);
        root.SetAction(emitAction);
        emit.SetAction(emitAction);
        list.SetAction(parse => List(parse.GetValue(assemblyOption), parse.GetValue(sourceOption), output, errors));

        var configuration = new InvocationConfiguration { Output = output, Error = errors };
        return root.Parse(args).Invoke(configuration);
    }

    private static int Emit(string? outDirectory, bool check, string? assemblyPath, string? sourceDirectory, TextWriter output, TextWriter errors)
    {
        var repoRoot = RepoLayout.Root();
        if (Load(assemblyPath, sourceDirectory, repoRoot, errors) is not { } topology)
        {
            return CannotLoad;
        }

        if (!Report(topology, errors))
        {
            errors.WriteLine("The topology is invalid: nothing was written.");
            return InvalidTopology;
        }

        var artifacts = ArtifactSet.Render(topology.Model);
        var target = outDirectory ?? Path.Combine(repoRoot, "deploy");
        if (check)
        {
            var drift = DeployDirectory.Drift(target, artifacts);
            foreach (var path in drift)
            {
                output.WriteLine("stale: " + path);
            }

            output.WriteLine(drift.Count == 0 ? "deploy is up to date" : drift.Count + " file(s) differ from the topology; run the emitter and commit the result");
            return drift.Count == 0 ? Ok : Drift;
        }

        DeployDirectory.Replace(target, artifacts);
        output.WriteLine("wrote " + artifacts.Files.Count + " files to " + Path.GetRelativePath(Environment.CurrentDirectory, target));
        return Ok;
    }

    private static int List(string? assemblyPath, string? sourceDirectory, TextWriter output, TextWriter errors)
    {
        if (Load(assemblyPath, sourceDirectory, RepoLayout.Root(), errors) is not { } topology)
        {
            return CannotLoad;
        }

        Report(topology, errors);
        var model = topology.Model;
        output.WriteLine("| endpoint | VIP | port | engine | backend |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var endpoint in model.Endpoints.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Port))
        {
            output.WriteLine($"| {endpoint.Name}.db.lef | {model.VipOf(endpoint)?.Address} | {endpoint.Port} | {endpoint.Engine} | {endpoint.BackendHost}:{endpoint.BackendPort} |");
        }

        return Ok;
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
}
