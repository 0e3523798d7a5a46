using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Emit.Loading;

/// <summary>A topology read from a compiled assembly, with every rule re-run on it.</summary>
internal sealed record LoadedTopology(TopologyModel Model, IReadOnlyList<Violation> Violations)
{
    public bool IsValid => !Violations.Any(v => v.IsError);
}

internal static class TopologyLoader
{
    /// <summary>The assembly the emitter was built with (the Topology project) unless a path is given.</summary>
    public static Assembly LoadAssembly(string? path) =>
        path is null
            ? Assembly.Load(new AssemblyName("Topology"))
            : AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(path));

    public static LoadedTopology Load(Assembly assembly, SourceSites sites)
    {
        var (model, readerViolations) = AssemblyTopologyReader.Read(assembly, sites);
        return new LoadedTopology(model, TopologyRules.Sort(readerViolations.Concat(TopologyRules.Check(model))));
    }

    /// <summary>Sites from the source folder when it exists; otherwise errors point at the assembly.</summary>
    public static SourceSites Sites(string? sourceDirectory, string displayRoot, Assembly assembly)
    {
        var fallback = Path.GetFileName(assembly.Location);
        return sourceDirectory is not null && Directory.Exists(sourceDirectory)
            ? SourceSites.Scan(sourceDirectory, displayRoot, fallback)
            : SourceSites.None(string.IsNullOrEmpty(fallback) ? "Topology" : fallback);
    }
}
