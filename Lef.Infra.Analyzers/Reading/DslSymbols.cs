using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>The DSL's types in one compilation, resolved once; absent means "not a Topology project".</summary>
internal sealed class DslSymbols
{
    private DslSymbols(INamedTypeSymbol pool, INamedTypeSymbol vip, INamedTypeSymbol endpoint, INamedTypeSymbol backend, INamedTypeSymbol view)
    {
        Pool = pool;
        Vip = vip;
        Endpoint = endpoint;
        Backend = backend;
        View = view;
        PoolParameters = Parameters(pool);
        VipParameters = Parameters(vip);
        EndpointParameters = Parameters(endpoint);
        BackendParameters = Parameters(backend);
        ViewParameters = Parameters(view);
    }

    public INamedTypeSymbol Pool { get; }

    public INamedTypeSymbol Vip { get; }

    public INamedTypeSymbol Endpoint { get; }

    public INamedTypeSymbol Backend { get; }

    public INamedTypeSymbol View { get; }

    public ImmutableArray<IParameterSymbol> PoolParameters { get; }

    public ImmutableArray<IParameterSymbol> VipParameters { get; }

    public ImmutableArray<IParameterSymbol> EndpointParameters { get; }

    public ImmutableArray<IParameterSymbol> BackendParameters { get; }

    public ImmutableArray<IParameterSymbol> ViewParameters { get; }

    public static DslSymbols? TryCreate(Compilation compilation)
    {
        var pool = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.VipPool");
        var vip = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.Vip");
        var endpoint = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.Endpoint");
        var backend = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.Backend");
        var view = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.DnsView");
        return pool is null || vip is null || endpoint is null || backend is null || view is null
            ? null
            : new DslSymbols(pool, vip, endpoint, backend, view);
    }

    /// <summary>A type whose instances must be topology fields: pools, VIPs, endpoints, DNS views.</summary>
    public bool IsTopologyRecord(ITypeSymbol? type) =>
        SymbolEqualityComparer.Default.Equals(type, Pool)
        || SymbolEqualityComparer.Default.Equals(type, Vip)
        || SymbolEqualityComparer.Default.Equals(type, Endpoint)
        || SymbolEqualityComparer.Default.Equals(type, View);

    /// <summary>The parameters of a record's positional constructor, the one users call.</summary>
    public ImmutableArray<IParameterSymbol> ParametersOf(ITypeSymbol record) =>
        SymbolEqualityComparer.Default.Equals(record, Pool) ? PoolParameters
        : SymbolEqualityComparer.Default.Equals(record, Vip) ? VipParameters
        : SymbolEqualityComparer.Default.Equals(record, Endpoint) ? EndpointParameters
        : SymbolEqualityComparer.Default.Equals(record, View) ? ViewParameters
        : BackendParameters;

    // The copy constructor takes the record itself; the positional one is the other public one.
    private static ImmutableArray<IParameterSymbol> Parameters(INamedTypeSymbol record) =>
        record.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public
                && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, record)))
            .OrderByDescending(c => c.Parameters.Length)
            .Select(c => c.Parameters)
            .FirstOrDefault();
}
