using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>
/// The whole topology of one compilation, read and checked once, then shared by every symbol action. This is what lets a
/// conflict between two files be reported, as a local diagnostic, on each side.
/// </summary>
internal sealed class TopologyIndex
{
    private readonly Compilation compilation;
    private readonly DslSymbols dsl;
    private readonly Lazy<ILookup<string, Violation>> violationsByOwner;
    private readonly Lazy<Dictionary<string, SyntaxTree>> treesByPath;

    public TopologyIndex(Compilation compilation, DslSymbols dsl)
    {
        this.compilation = compilation;
        this.dsl = dsl;
        violationsByOwner = new Lazy<ILookup<string, Violation>>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
        treesByPath = new Lazy<Dictionary<string, SyntaxTree>>(
            () => compilation.SyntaxTrees.GroupBy(t => t.FilePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public void ReportOn(SymbolAnalysisContext context)
    {
        if (context.Symbol is not IFieldSymbol field || !dsl.IsTopologyRecord(field.Type))
        {
            return;
        }

        foreach (var violation in violationsByOwner.Value[TopologySourceReader.KeyOf(field)])
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.For(violation.RuleId),
                LocationOf(violation.Site),
                violation.AdditionalSites.Select(LocationOf),
                violation.Replacement is { } replacement ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.ReplacementProperty, replacement) : null,
                violation.Message));
        }
    }

    private ILookup<string, Violation> Build()
    {
        // Not cancellable on purpose: a cancelled build would be cached by Lazy and poison every later action of this compilation.
        var (model, readerViolations) = TopologySourceReader.Read(compilation, dsl, CancellationToken.None);
        return readerViolations.Concat(TopologyRules.Check(model)).ToLookup(v => v.OwnerKey, StringComparer.Ordinal);
    }

    private Location LocationOf(SourceSite site) =>
        treesByPath.Value.TryGetValue(site.Path, out var tree)
            ? Location.Create(tree, new TextSpan(site.Start, site.Length))
            : Location.None;
}
