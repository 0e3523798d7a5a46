using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Lef.Infra.Analyzers.Reading;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>
/// The whole topology of one compilation, read and checked once, then shared by every file's action: this is what lets a
/// conflict between two files be reported, as a local diagnostic, on each side.
/// </summary>
internal sealed class TopologyIndex
{
    private readonly ILookup<string, Violation> violationsByPath;
    private readonly Dictionary<string, SyntaxTree> treesByPath;

    private TopologyIndex(Compilation compilation, IEnumerable<Violation> violations)
    {
        violationsByPath = violations.ToLookup(v => v.Site.Path, StringComparer.Ordinal);
        treesByPath = violationsByPath.Count == 0 ? [] : compilation.SyntaxTrees.GroupBy(t => t.FilePath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads and checks the compilation at its start, before any action runs, so concurrent actions never wait on it. A
    /// cancelled read throws and keeps nothing.
    /// </summary>
    public static TopologyIndex Build(Compilation compilation, DslSymbols dsl, CancellationToken cancellationToken, DeployedEstate? estate = null)
    {
        var (model, readerViolations, _) = TopologyReader.Read(compilation, dsl, cancellationToken);
        var violations = readerViolations.Concat(TopologyRules.Check(model, estate ?? DeployedEstate.Unknown)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        return new TopologyIndex(compilation, violations);
    }

    /// <summary>Every violation sited in this file, with the other sides of a conflict (in any file) as additional locations.</summary>
    public void ReportOn(SemanticModelAnalysisContext context)
    {
        var tree = context.SemanticModel.SyntaxTree;
        foreach (var violation in violationsByPath[tree.FilePath])
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.For(violation.RuleId),
                Location.Create(tree, new TextSpan(violation.Site.Start, violation.Site.Length)),
                violation.AdditionalSites.Select(LocationOf),
                violation.Replacement is { } replacement ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.ReplacementProperty, replacement) : null,
                violation.Message));
        }
    }

    private Location LocationOf(SourceSite site) =>
        treesByPath.TryGetValue(site.Path, out var tree) ? Location.Create(tree, new TextSpan(site.Start, site.Length)) : Location.None;
}
