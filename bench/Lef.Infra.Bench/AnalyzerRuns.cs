extern alias analyzers;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Bench;

/// <summary>One analysis: what the analyzer's own callbacks cost (the compiler's telemetry) and the wall time of the call.</summary>
internal readonly record struct AnalysisTiming(TimeSpan AnalyzerTime, TimeSpan WallTime);

/// <summary>
/// Runs the Lef.Infra analyzer the two ways it is paid for: a build (every file, fresh trees) and a keystroke in an IDE
/// (one document edited, a new compilation that shares every other tree with the previous one, the edited document analysed).
/// </summary>
internal sealed class AnalyzerRuns
{
    private readonly DiagnosticAnalyzer analyzer = new analyzers::Lef.Infra.Analyzers.TopologyAnalyzer();
    private readonly ConcurrentQueue<Exception> failures = new();

    private ImmutableArray<DiagnosticAnalyzer> Analyzers => [analyzer];

    /// <summary>Whole-compilation analysis: what /reportanalyzer shows for a build.</summary>
    public async Task<AnalysisTiming> AnalyzeAllAsync(Compilation compilation)
    {
        // The references are bound before anything else in a build (the compile time includes it); without this, the
        // analyzer's first symbol lookup would be charged for binding 200-odd reference assemblies.
        _ = compilation.Assembly;
        var analysis = With(compilation);
        var wall = Stopwatch.StartNew();
        var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        wall.Stop();
        Check(diagnostics, "whole-compilation analysis");
        return new AnalysisTiming(await AnalyzerTimeAsync(analysis), wall.Elapsed);
    }

    /// <summary>
    /// What an IDE does for the open document after a keystroke: a fresh <see cref="CompilationWithAnalyzers"/> on the new
    /// compilation, then the semantic diagnostics of that one document (the analyzer has no syntax actions).
    /// </summary>
    public async Task<AnalysisTiming> AnalyzeDocumentAsync(Compilation compilation, SyntaxTree document, bool expectClean = true)
    {
        var analysis = With(compilation);
        var model = analysis.Compilation.GetSemanticModel(document);
        var wall = Stopwatch.StartNew();
        var diagnostics = await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, Analyzers, CancellationToken.None);
        wall.Stop();
        Check(expectClean ? diagnostics : [], "document analysis");
        return new AnalysisTiming(await AnalyzerTimeAsync(analysis), wall.Elapsed);
    }

    /// <summary>
    /// One keystroke as an incremental reparse: an 'x' typed at the end of the word that starts with <paramref name="word"/>,
    /// or deleted again when the last keystroke typed one, so the text alternates between two states however many keystrokes
    /// are measured. The word ends at <paramref name="end"/> (a quote for a string literal, a space for a field name).
    /// </summary>
    public static (Compilation Compilation, SyntaxTree Edited) Type(Compilation compilation, string path, string word, char end = '"')
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var text = tree.GetText();
        var content = text.ToString();
        var at = content.IndexOf(word, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException(word + " not found in " + path);
        }

        var stop = content.IndexOf(end, at + word.Length);
        var change = content[stop - 1] == 'x' ? new TextChange(new TextSpan(stop - 1, 1), string.Empty) : new TextChange(new TextSpan(stop, 0), "x");
        var edited = tree.WithChangedText(text.WithChanges(change));
        return (compilation.ReplaceSyntaxTree(tree, edited), edited);
    }

    private CompilationWithAnalyzers With(Compilation compilation) =>
        compilation.WithAnalyzers(
            Analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, _, _) => failures.Enqueue(exception),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true));

    private async Task<TimeSpan> AnalyzerTimeAsync(CompilationWithAnalyzers analysis) =>
        (await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;

    private void Check(IReadOnlyList<Diagnostic> diagnostics, string what)
    {
        if (!failures.IsEmpty)
        {
            throw new AggregateException("the analyzer threw during " + what, failures);
        }

        EstateCompilation.EnsureClean(diagnostics, "the analyzer (" + what + ")");
    }
}
