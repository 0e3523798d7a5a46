extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// Compiles topologies and runs the analyzer the ways an IDE does: on one document, on the whole compilation, and again
/// after an edit (a new compilation that keeps every other tree, as Roslyn's workspace does).
/// </summary>
internal static class Analysis
{
    public static CSharpCompilation Compile(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "Topology",
            files.Select(f => Parse(f.Path, f.Source)),
            FrameworkReferences.WithDsl,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static SyntaxTree Parse(string path, string source) =>
        CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path);

    /// <summary>The same sources, every tree parsed anew: what a build of the edited files sees.</summary>
    public static CSharpCompilation Fresh(Compilation compilation) =>
        Compile(compilation.SyntaxTrees.Select(t => (t.FilePath, t.GetText().ToString())).ToArray());

    /// <summary>Replaces one file's text by an incremental reparse, keeping every other tree object.</summary>
    public static Compilation Edit(Compilation compilation, string path, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText();
        var at = text.ToString().IndexOf(from, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException("'" + from + "' is not in " + path);
        }

        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, from.Length), to))));
    }

    /// <summary>What an IDE shows for one open document: its semantic diagnostics, from an analysis of that document alone.</summary>
    public static async Task<IReadOnlyList<string>> DocumentAsync(Compilation compilation, string path, CancellationToken cancellationToken = default)
    {
        var analysis = With(compilation);
        var model = analysis.Compilation.GetSemanticModel(compilation.SyntaxTrees.Single(t => t.FilePath == path));
        var diagnostics = await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, analysis.Analyzers, cancellationToken);
        return Describe(diagnostics);
    }

    public static async Task<IReadOnlyList<string>> AllAsync(Compilation compilation) =>
        Describe(await With(compilation).GetAnalyzerDiagnosticsAsync(CancellationToken.None));

    private static CompilationWithAnalyzers With(Compilation compilation) =>
        compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new analyzers::Lef.Infra.Analyzers.TopologyAnalyzer()),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, _, _) => throw new InvalidOperationException("the analyzer threw", exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));

    /// <summary><c>LEF0001 Vips.cs(5,69) [Crm.cs(5,69)]: message</c>, sorted: comparable across compilations.</summary>
    private static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Select(d => d.Id + " " + Where(d.Location) + " [" + string.Join(", ", d.AdditionalLocations.Select(Where)) + "]: "
                         + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Where(Location location)
    {
        var start = location.GetLineSpan().StartLinePosition;
        return System.IO.Path.GetFileName(location.SourceTree?.FilePath) + "(" + (start.Line + 1) + "," + (start.Character + 1) + ")";
    }
}
