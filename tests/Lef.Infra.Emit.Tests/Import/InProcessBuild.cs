extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TopologyAnalyzer = analyzers::Lef.Infra.Analyzers.TopologyAnalyzer;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>Compiles C# files with the real analyzer in-process: every compiler and LEF diagnostic, warnings included.</summary>
internal static class InProcessBuild
{
    public static IReadOnlyList<TopologyDiagnostic> Diagnostics(IReadOnlyDictionary<string, string> files)
    {
        var trees = files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(f.Value, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), f.Key))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "Imported", trees, FrameworkReferences.WithDsl, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TopologyAnalyzer()))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return new TopologyDiagnostic(d.Id, d.Severity.ToString().ToLowerInvariant(), Path.GetFileName(span.Path), span.StartLinePosition.Line + 1, d.GetMessage());
            })
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }
}
