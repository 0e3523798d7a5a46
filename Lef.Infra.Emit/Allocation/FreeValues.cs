using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Allocation;

/// <summary>
/// What next-vip and next-alias share with the code fixes: the same <see cref="Allocations"/>, over the same model and the
/// deployed estate of the same committed address map, so the command prints what "Use next free ..." would write.
/// </summary>
internal static class FreeValues
{
    /// <summary>The pool has fewer free values than --count asked for (the ones it has are printed); 7 to 10 are emit's.</summary>
    public const int Exhausted = 11;

    public static readonly ExitCode ExhaustedCode = new(Exhausted, "next-vip/next-alias: the pool has fewer free values than --count asks for");

    /// <summary>The allocator and the pool, or an exit code after a one-line error.</summary>
    public static int? Prepare(LoadedTopology? topology, string? poolName, int count, string deployDirectory, TextWriter errors, out (Allocations Allocations, PoolDeclaration Pool) chosen)
    {
        chosen = default;
        if (topology is null)
        {
            return Cli.CannotLoad;
        }

        foreach (var violation in topology.Violations)
        {
            errors.WriteLine(violation.Format(violation.Site.Path));
        }

        if (!topology.IsValid)
        {
            errors.WriteLine("The topology is invalid: fix the errors above first (`dotnet format analyzers` applies the fixes).");
            return Cli.InvalidTopology;
        }

        if (count < 1)
        {
            errors.WriteLine("error: --count must be 1 or more, not " + count);
            return Cli.Usage;
        }

        var pools = topology.Model.Pools;
        var matches = poolName is null ? pools.ToList() : pools.Where(p => Names(p).Contains(poolName, StringComparer.OrdinalIgnoreCase)).ToList();
        if (matches.Count != 1)
        {
            var known = string.Join(", ", pools.Select(p => p.Field).Order(StringComparer.Ordinal));
            errors.WriteLine(poolName is null
                ? "error: the topology has " + pools.Count + " pools; pass --pool (one of: " + known + ")"
                : "error: no pool named '" + poolName + "'; the pools are: " + known);
            return Cli.Usage;
        }

        chosen = (new Allocations(topology.Model, Estate(deployDirectory)), matches[0]);
        return null;
    }

    /// <summary>Prints each value on its own line; exit 7 when the pool ran out before <paramref name="count"/>.</summary>
    public static int Print(Func<string?> next, int count, string what, PoolDeclaration pool, TextWriter output, TextWriter errors)
    {
        for (var i = 0; i < count; i++)
        {
            if (next() is not { } value)
            {
                errors.WriteLine("error: pool " + pool.Field + " has " + (i == 0 ? "no" : "only " + i) + " free " + what + (i == 1 ? string.Empty : "es"));
                return Exhausted;
            }

            output.WriteLine(value.Trim('"'));
        }

        return Cli.Ok;
    }

    /// <summary>The estate the analyzer sees: the deploy folder's address map, or unknown when there is none.</summary>
    private static DeployedEstate Estate(string deployDirectory)
    {
        var path = Path.Combine(deployDirectory, ArtifactSet.DocsFolder, AddressMapWriter.FileName);
        return File.Exists(path) ? DeployedEstate.Parse(File.ReadAllText(path)) : DeployedEstate.Unknown;
    }

    private static IEnumerable<string> Names(PoolDeclaration pool) => [pool.Field, pool.Key, pool.Field.Substring(pool.Field.LastIndexOf('.') + 1)];
}
