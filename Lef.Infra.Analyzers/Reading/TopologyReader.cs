using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// The one reader of Topology source: the analyzer and the emitter both get their model, their violations and their sites
/// from here. No Topology code runs; what cannot be read as written is reported, never skipped.
/// </summary>
internal static class TopologyReader
{
    private static readonly SymbolDisplayFormat KeyFormat =
        SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None);

    /// <summary>Each tree's last reading, kept while the tree lives: after a keystroke only the edited file is read again.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<TreeReading?>> Readings = new();

    /// <param name="compilation">The compilation.</param>
    /// <param name="dsl">The DSL's types in it.</param>
    /// <param name="cancellationToken">Cancels the read; nothing read so far is kept.</param>
    /// <param name="plain">False reads every field from the binder's operations and reuses nothing: the reference the plain reading is tested against.</param>
    public static (TopologyModel Model, IReadOnlyList<Violation> Violations, IReadOnlyList<TreeReading> Readings) Read(
        Compilation compilation, DslSymbols dsl, CancellationToken cancellationToken, bool plain = true)
    {
        var trees = compilation.SyntaxTrees.ToList();

        // A build's trees are all new: nothing to reuse, so no shape to compare (0 never matches). The IDE's first keystroke
        // then reads every file once more, and from the next one on only the edited file.
        var reusable = plain && trees.Any(t => Readings.TryGetValue(t, out var last) && Volatile.Read(ref last.Value) is not null);
        var shape = reusable ? DeclarationShape.Of(compilation, trees, cancellationToken) : 0;
        var readings = new TreeReading[trees.Count];
        var toRead = new List<int>();
        for (var i = 0; i < trees.Count; i++)
        {
            if (reusable && Readings.TryGetValue(trees[i], out var last) && Volatile.Read(ref last.Value) is { } reading && reading.HoldsIn(compilation, shape))
            {
                readings[i] = reading;
            }
            else
            {
                toRead.Add(i);
            }
        }

        Concurrently.For(toRead.Count, cancellationToken, () => 0, (_, k) =>
        {
            var tree = trees[toRead[k]];
            var reading = TreeReader.Read(compilation, tree, dsl, shape, plain, cancellationToken);
            if (plain)
            {
                Volatile.Write(ref Readings.GetValue(tree, _ => new StrongBox<TreeReading?>()).Value, reading);
            }

            readings[toRead[k]] = reading;
        });

        // A name taken on trust that is no topology field of its record (half-typed code, a private or mistyped field): that
        // file is read again by the binder, which says what the name really is.
        // A key declared twice (CS0102, or two classes of one name) names nothing for sure either.
        var named = NamedOnce(readings);
        var doubted = new bool[readings.Length];
        Concurrently.For(readings.Length, cancellationToken, () => 0, (_, i) =>
            doubted[i] = readings[i].Trusted.Any(t => !named.TryGetValue(t.Key, out var record) || record != t.Record));
        var untrusted = Enumerable.Range(0, readings.Length).Where(i => doubted[i]).ToList();
        Concurrently.For(untrusted.Count, cancellationToken, () => 0, (_, k) =>
        {
            var tree = trees[untrusted[k]];
            var reading = TreeReader.Read(compilation, tree, dsl, shape, plain: false, cancellationToken);
            if (plain)
            {
                Volatile.Write(ref Readings.GetValue(tree, _ => new StrongBox<TreeReading?>()).Value, reading);
            }

            readings[untrusted[k]] = reading;
        });

        var model = TopologyModel.Of(readings.Where(r => r.Declarations.Count > 0).OrderBy(r => r.Declarations[0].Key, System.StringComparer.Ordinal).SelectMany(r => r.Declarations));
        return (model, readings.SelectMany(r => r.Violations).ToList(), readings);
    }

    /// <summary>Each named field's record by key; null for a key declared twice.</summary>
    private static Dictionary<string, string?> NamedOnce(TreeReading[] readings)
    {
        var named = new Dictionary<string, string?>(readings.Sum(r => r.Named.Count), System.StringComparer.Ordinal);
        foreach (var (key, record) in readings.SelectMany(r => r.Named))
        {
            named[key] = named.ContainsKey(key) ? null : record;
        }

        return named;
    }

    /// <summary>The field's full name, <c>Topology.Vips.Erp</c>: what references resolve to.</summary>
    public static string KeyOf(IFieldSymbol field) => TypeKeyOf(field.ContainingType) + "." + field.Name;

    /// <summary>
    /// The containing type's part of <see cref="KeyOf"/>, <c>Topology.Vips</c>; a file-local type's names its file too
    /// (<c>Topology.Pools@Local.cs</c>), since another file may declare a type of the same name.
    /// </summary>
    public static string TypeKeyOf(INamedTypeSymbol type)
    {
        var key = type.ToDisplayString(KeyFormat);
        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsFileLocal)
            {
                return key + "@" + outer.DeclaringSyntaxReferences[0].SyntaxTree.FilePath;
            }
        }

        return key;
    }

    /// <summary>The type as users name it, <c>Vips</c>, or <c>Outer.Inner</c> for a nested one.</summary>
    public static string FieldNameOf(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? FieldNameOf(outer) + "." + type.Name : type.Name;
}
