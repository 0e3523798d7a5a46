using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>The DSL's records in one compilation (<see cref="RecordKinds"/>), resolved once; absent means "not a Topology project".</summary>
internal sealed class DslSymbols
{
    private readonly Dictionary<ITypeSymbol, Record> records;

    private DslSymbols(Dictionary<ITypeSymbol, Record> records) => this.records = records;

    public static DslSymbols? TryCreate(Compilation compilation)
    {
        var records = new Dictionary<ITypeSymbol, Record>(SymbolEqualityComparer.Default);
        foreach (var name in RecordKinds.Declared.Keys.Concat(RecordKinds.Inline))
        {
            if (compilation.GetTypeByMetadataName(name) is { } type)
            {
                records[type] = new Record(Constructors(type), RecordKinds.Declared.TryGetValue(name, out var make) ? make : null);
            }
        }

        return RecordKinds.Required.All(name => compilation.GetTypeByMetadataName(name) is { } type && records.ContainsKey(type)) ? new DslSymbols(records) : null;
    }

    /// <summary>A type whose instances must be topology fields: pools, VIPs, endpoints, DNS views.</summary>
    public bool IsTopologyRecord(ITypeSymbol? type) => type is not null && records.TryGetValue(type, out var record) && record.Make is not null;

    /// <summary>A record read in place, as part of the one that holds it: a Backend.</summary>
    public bool IsInline(ITypeSymbol? type) => type is not null && records.TryGetValue(type, out var record) && record.Make is null;

    /// <summary>The parameters of a record's positional constructor, the one its Deconstruct mirrors.</summary>
    public ImmutableArray<IParameterSymbol> ParametersOf(ITypeSymbol record) => records[record].Constructors[0];

    /// <summary>Every constructor users may call (a pool of a host, or of a pair): the positional one first, then longest first, then by parameter names.</summary>
    public ImmutableArray<ImmutableArray<IParameterSymbol>> ConstructorsOf(ITypeSymbol record) => records[record].Constructors;

    /// <summary>The model's declaration of a topology record's field.</summary>
    public Declaration Declare(ITypeSymbol record, IRecordArguments arguments) => records[record].Make!(arguments);

    // The copy constructor takes the record itself; the others are public. Most fields call the positional one, so it is tried first.
    private static ImmutableArray<ImmutableArray<IParameterSymbol>> Constructors(INamedTypeSymbol record)
    {
        var positional = record.GetMembers("Deconstruct").OfType<IMethodSymbol>().FirstOrDefault()?.Parameters.Select(p => p.Name).ToList() ?? [];
        return record.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public
                && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, record)))
            .OrderByDescending(c => c.Parameters.Select(p => p.Name).SequenceEqual(positional))
            .ThenByDescending(c => c.Parameters.Length)
            .ThenBy(c => string.Join(",", c.Parameters.Select(p => p.Name)), StringComparer.Ordinal)
            .Select(c => c.Parameters)
            .DefaultIfEmpty(default)
            .ToImmutableArray();
    }

    private sealed record Record(ImmutableArray<ImmutableArray<IParameterSymbol>> Constructors, Func<IRecordArguments, Declaration>? Make);
}
