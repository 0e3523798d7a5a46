using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>
/// The whole topology of one compilation, read and checked once, then shared by every file's action. This is what lets a
/// conflict between two files be reported, as a local diagnostic, on each side.
/// </summary>
internal sealed class TopologyIndex
{
    private readonly Checked index;

    private TopologyIndex(Checked index) => this.index = index;

    /// <summary>
    /// Reads and checks the compilation once, at compilation start, before any action runs: built lazily from the first
    /// action instead, every other concurrent action would wait on it (and the compiler would count their waiting as
    /// analyzer time). A cancelled build throws and caches nothing, so cancellation cannot poison a later analysis.
    /// </summary>
    public static TopologyIndex Build(Compilation compilation, DslSymbols dsl, CancellationToken cancellationToken)
    {
        var (model, readerViolations) = TopologySourceReader.Read(compilation, dsl, cancellationToken);
        var violations = readerViolations.Concat(TopologyRules.Check(model));
        cancellationToken.ThrowIfCancellationRequested();
        return new TopologyIndex(new Checked(compilation, violations));
    }

    /// <summary>Every violation sited in this file, with the other sides of a conflict (in any file) as additional locations.</summary>
    public void ReportOn(SemanticModelAnalysisContext context)
    {
        var tree = context.SemanticModel.SyntaxTree;
        foreach (var violation in index.ViolationsByPath[tree.FilePath])
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.For(violation.RuleId),
                Location.Create(tree, new TextSpan(violation.Site.Start, violation.Site.Length)),
                violation.AdditionalSites.Select(index.LocationOf),
                violation.Replacement is { } replacement ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.ReplacementProperty, replacement) : null,
                violation.Message));
        }
    }

    /// <summary>The violations of one compilation, by the file they are reported in.</summary>
    private sealed class Checked
    {
        private readonly Dictionary<string, SyntaxTree> treesByPath = new(StringComparer.Ordinal);

        public Checked(Compilation compilation, IEnumerable<Violation> violations)
        {
            ViolationsByPath = violations.ToLookup(v => v.Site.Path, StringComparer.Ordinal);
            if (ViolationsByPath.Count == 0)
            {
                return;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!treesByPath.ContainsKey(tree.FilePath))
                {
                    treesByPath.Add(tree.FilePath, tree);
                }
            }
        }

        public ILookup<string, Violation> ViolationsByPath { get; }

        public Location LocationOf(SourceSite site) =>
            treesByPath.TryGetValue(site.Path, out var tree)
                ? Location.Create(tree, new TextSpan(site.Start, site.Length))
                : Location.None;
    }
}
