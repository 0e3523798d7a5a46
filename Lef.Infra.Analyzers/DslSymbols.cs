using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>The DSL's types in one compilation, resolved once at compilation start; absent means "not a Topology project".</summary>
internal sealed class DslSymbols
{
    private DslSymbols(INamedTypeSymbol pool, INamedTypeSymbol vip, INamedTypeSymbol endpoint, INamedTypeSymbol backend, INamedTypeSymbol view)
    {
        Pool = pool;
        Vip = vip;
        Endpoint = endpoint;
        Backend = backend;
        View = view;
    }

    public INamedTypeSymbol Pool { get; }

    public INamedTypeSymbol Vip { get; }

    public INamedTypeSymbol Endpoint { get; }

    public INamedTypeSymbol Backend { get; }

    public INamedTypeSymbol View { get; }

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
}
