using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Testing;

/// <summary>The running framework's assemblies as compiler references: no reference pack download, nothing outside this machine.</summary>
public static class FrameworkReferences
{
    public static ImmutableArray<MetadataReference> All { get; } =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Order(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

    /// <summary>The framework plus Lef.Infra.Dsl: what a Topology project compiles against.</summary>
    public static ImmutableArray<MetadataReference> WithDsl { get; } =
        All.Add(MetadataReference.CreateFromFile(typeof(Lef.Infra.Dsl.Vip).Assembly.Location));
}
