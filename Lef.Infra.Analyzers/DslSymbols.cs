using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>The DSL's types in one compilation, resolved once at compilation start; absent means "not a Topology project".</summary>
internal sealed class DslSymbols
{
    private DslSymbols(INamedTypeSymbol pool, INamedTypeSymbol vip, INamedTypeSymbol endpoint, INamedTypeSymbol backend)
    {
        Pool = pool;
        Vip = vip;
        Endpoint = endpoint;
        Backend = backend;
    }

    public INamedTypeSymbol Pool { get; }

    public INamedTypeSymbol Vip { get; }

    public INamedTypeSymbol Endpoint { get; }

    public INamedTypeSymbol Backend { get; }

    public static DslSymbols? TryCreate(Compilation compilation)
    {
        var pool = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.VipPool");
        var vip = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.Vip");
        var endpoint = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.Endpoint");
        var backend = compilation.GetTypeByMetadataName("Lef.Infra.Dsl.Backend");
        return pool is null || vip is null || endpoint is null || backend is null ? null : new DslSymbols(pool, vip, endpoint, backend);
    }

    /// <summary>A type whose instances must be topology fields: pools, VIPs, endpoints.</summary>
    public bool IsTopologyRecord(ITypeSymbol? type) =>
        SymbolEqualityComparer.Default.Equals(type, Pool)
        || SymbolEqualityComparer.Default.Equals(type, Vip)
        || SymbolEqualityComparer.Default.Equals(type, Endpoint);
}
