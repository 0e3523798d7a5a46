using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lef.Infra.Bench;

/// <summary>How the estate is compiled: what the Topology project would give csc, in memory.</summary>
internal static class EstateCompilation
{
    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>
    /// What the Topology project compiles against: the targeting pack's reference assemblies (as csc gets them) and
    /// Lef.Infra.Dsl. Without a targeting pack, the running framework's assemblies. Nothing is downloaded.
    /// </summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        Framework().Order(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Lef.Infra.Dsl.Vip).Assembly.Location))
            .ToImmutableArray();

    /// <summary>Where the references came from, for the report.</summary>
    public static string ReferenceSource { get; } = ReferencePack() ?? "the running framework";

    private static IEnumerable<string> Framework() =>
        ReferencePack() is { } pack
            ? Directory.EnumerateFiles(pack, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"));

    /// <summary><c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0</c> beside the running runtime, newest version.</summary>
    private static string? ReferencePack()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }

        var target = "net" + Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0";
        return Directory.EnumerateDirectories(packs)
            .Select(v => Path.Combine(v, "ref", target))
            .Where(Directory.Exists)
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))), out var v) ? v : new Version(0, 0))
            .FirstOrDefault();
    }

    private static int counter;

    /// <summary>Fresh trees every time: nothing is shared with an earlier compilation, as in a build.</summary>
    public static List<SyntaxTree> Parse(string directory, IReadOnlyDictionary<string, string> files) =>
        files.Select(f => CSharpSyntaxTree.ParseText(f.Value, ParseOptions, Path.Combine(directory, f.Key))).ToList();

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "Estate" + Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture),
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));

    /// <summary>Throws with the compiler's errors: a bench of a broken estate would measure nothing.</summary>
    public static void EnsureClean(IEnumerable<Diagnostic> diagnostics, string what)
    {
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(what + " reported " + problems.Count + " problem(s), first ones:\n" + string.Join("\n", problems.Take(10)));
        }
    }
}
