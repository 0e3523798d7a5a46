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
    private readonly object gate = new();
    private readonly List<SyntaxTree> trees;
    private int nextToSketch = -1;
    private Checked? built;

    public TopologyIndex(Compilation compilation, DslSymbols dsl)
    {
        this.compilation = compilation;
        this.dsl = dsl;
        trees = new List<SyntaxTree>(compilation.SyntaxTrees);
    }

    public void ReportOn(SymbolAnalysisContext context)
    {
        if (context.Symbol is not IFieldSymbol field)
        {
            return;
        }

        // By simple name first: a clean topology has no violations, and then no field's type or full name is ever looked at.
        var index = Get(context.CancellationToken);
        if (!index.OwnerNames.Contains(field.Name) || !dsl.IsTopologyRecord(field.Type))
        {
            return;
        }

        foreach (var violation in index.ViolationsByOwner[TopologySourceReader.KeyOf(field)])
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.For(violation.RuleId),
                index.LocationOf(violation.Site),
                violation.AdditionalSites.Select(index.LocationOf),
                violation.Replacement is { } replacement ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticDescriptors.ReplacementProperty, replacement) : null,
                violation.Message));
        }
    }

    /// <summary>
    /// Built by the first action that needs it, while the others wait. A cancelled build stores nothing (the next action
    /// builds it again), so cancellation cannot poison the index, and a cancelled keystroke stops promptly.
    /// </summary>
    private Checked Get(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref built) is { } ready)
        {
            return ready;
        }

        // Actions that would only wait sketch files meanwhile (each file once, whoever gets to it): on a build, the cores share the walk.
        for (var i = Interlocked.Increment(ref nextToSketch); i < trees.Count && Volatile.Read(ref built) is null; i = Interlocked.Increment(ref nextToSketch))
        {
            TreeSketch.Of(trees[i], cancellationToken);
        }

        lock (gate)
        {
            if (built is null)
            {
                var (model, readerViolations) = TopologySourceReader.Read(compilation, dsl, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                Volatile.Write(ref built, new Checked(compilation, readerViolations.Concat(TopologyRules.Check(model))));
            }

            return built!;
        }
    }

    /// <summary>The violations of one compilation, by the field they are reported on.</summary>
    private sealed class Checked
    {
        private readonly Dictionary<string, SyntaxTree> treesByPath = new(StringComparer.Ordinal);

        public Checked(Compilation compilation, IEnumerable<Violation> violations)
        {
            ViolationsByOwner = violations.ToLookup(v => v.OwnerKey, StringComparer.Ordinal);
            OwnerNames = new HashSet<string>(ViolationsByOwner.Select(g => g.Key.Substring(g.Key.LastIndexOf('.') + 1)), StringComparer.Ordinal);
            if (ViolationsByOwner.Count == 0)
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

        public ILookup<string, Violation> ViolationsByOwner { get; }

        public HashSet<string> OwnerNames { get; }

        public Location LocationOf(SourceSite site) =>
            treesByPath.TryGetValue(site.Path, out var tree)
                ? Location.Create(tree, new TextSpan(site.Start, site.Length))
                : Location.None;
    }
}
