extern alias analyzers;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using analyzers::Lef.Infra.Analyzers;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// Half-typed code is what an IDE analyses most of the time. The shipped Topology is mutated many ways (every token deleted in
/// turn, every file cut at every line, argument values swapped); the analyzer must never throw and report only LEF or compiler
/// diagnostics.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_analyzer_never_throws_on_a_mutated_topology()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Topology, "*.cs").Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), Path.GetFileName(f)))
            .ToList();
        var baseline = CSharpCompilation.Create("Topology", files, FrameworkReferences.WithDsl, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var variants = files.SelectMany(tree => Mutations(tree).Select(text => (Tree: tree, Text: text))).ToList();

        var failures = new ConcurrentBag<string>();
        var diagnosticsSeen = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (variant, cancel) =>
        {
            var compilation = baseline.ReplaceSyntaxTree(variant.Tree, variant.Tree.WithChangedText(SourceText.From(variant.Text)));
            var exceptions = new ConcurrentBag<Exception>();
            var analysis = compilation.WithAnalyzers(
                [new TopologyAnalyzer()],
                new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            var diagnostics = await analysis.GetAllDiagnosticsAsync(cancel);
            foreach (var diagnostic in diagnostics)
            {
                diagnosticsSeen.AddOrUpdate(diagnostic.Id.StartsWith("CS", StringComparison.Ordinal) ? "CS*" : diagnostic.Id, 1, (_, n) => n + 1);
                if (!diagnostic.Id.StartsWith("LEF", StringComparison.Ordinal) && !diagnostic.Id.StartsWith("CS", StringComparison.Ordinal))
                {
                    failures.Add(variant.Tree.FilePath + ": " + diagnostic + "\n--- variant ---\n" + variant.Text);
                }
            }

            foreach (var exception in exceptions)
            {
                failures.Add(variant.Tree.FilePath + ": " + exception + "\n--- variant ---\n" + variant.Text);
            }
        });

        output.WriteLine($"{variants.Count} variants analysed; diagnostics seen: {string.Join(", ", diagnosticsSeen.OrderBy(d => d.Key).Select(d => d.Key + "=" + d.Value))}");
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.Take(3)));
        Assert.True(variants.Count > 1000, "expected more than 1,000 variants, got " + variants.Count);

        // The mutations reach the rules, not only the parser: these must have fired somewhere.
        foreach (var id in new[] { "LEF0001", "LEF0002", "LEF0004", "LEF0006", "LEF0007", "LEF0008", "LEF0009", "LEF0012", "LEF0013", "LEF0014" })
        {
            Assert.Contains(id, diagnosticsSeen.Keys);
        }
    }

    internal static IEnumerable<string> Mutations(SyntaxTree tree)
    {
        var text = tree.GetText().ToString();
        var root = tree.GetRoot();

        // Every token deleted in turn.
        foreach (var token in root.DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)))
        {
            yield return text.Remove(token.SpanStart, token.Span.Length);
        }

        // The file cut at the end of every line, and in the middle of it: what a half-typed file looks like.
        foreach (var line in tree.GetText().Lines)
        {
            yield return text.Substring(0, line.End);
            yield return text.Substring(0, line.Start + ((line.End - line.Start) / 2));
        }

        // Every literal replaced by values at the edges of what the rules parse.
        string[] strings = ["\"\"", "\"x\\n    bind 0.0.0.0:22\"", "\"255.255.255.255\"", "\"0.0.0.0/0\"", "\"10.20.0.0/32\"", "\"" + new string('a', 300) + "\""];
        string[] numbers = ["0", "-1", "int.MaxValue", "int.MinValue", "65536"];
        foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
        {
            var replacements = literal.IsKind(SyntaxKind.StringLiteralExpression) ? strings : literal.IsKind(SyntaxKind.NumericLiteralExpression) ? numbers : [];
            foreach (var replacement in replacements)
            {
                yield return text.Substring(0, literal.SpanStart) + replacement + text.Substring(literal.Span.End);
            }
        }

        // Every literal given the previous literal's value of the same kind: duplicates, the conflicts the rules exist for.
        var literals = root.DescendantNodes().OfType<LiteralExpressionSyntax>().ToList();
        for (var i = 1; i < literals.Count; i++)
        {
            if (literals.Take(i).LastOrDefault(l => l.Kind() == literals[i].Kind()) is { } previous)
            {
                yield return text.Substring(0, literals[i].SpanStart) + previous + text.Substring(literals[i].Span.End);
            }
        }

        // Every pair of arguments of one creation swapped (a string where an int belongs, a VIP where a pool belongs, ...).
        foreach (var arguments in root.DescendantNodes().OfType<ArgumentListSyntax>().Where(a => a.Arguments.Count > 1))
        {
            for (var i = 0; i + 1 < arguments.Arguments.Count; i++)
            {
                var first = arguments.Arguments[i].Expression;
                var second = arguments.Arguments[i + 1].Expression;
                yield return text.Substring(0, first.SpanStart) + second + text.Substring(first.Span.End, second.SpanStart - first.Span.End) + first + text.Substring(second.Span.End);
            }
        }
    }
}
