using System.Collections.Generic;
using Lef.Infra.Dsl;

namespace Lef.Infra.Emit.Import;

/// <summary>A VIP as it will be declared: <c>Vips.Erp = new(Pool: ..., Address: ..., Alias: ...)</c>.</summary>
internal sealed record ImportedVip(string Field, string Address, int Alias, IReadOnlyList<string> Comments, IReadOnlyList<ImportFinding> Todos);

/// <summary>An endpoint as it will be declared, with the comments and TODOs written above it.</summary>
/// <param name="ViewFields">The <c>DnsViews</c> fields it lists; null to take the default (every internal view).</param>
internal sealed record ImportedEndpoint(
    string Field,
    string Name,
    string VipField,
    int Port,
    Engine Engine,
    string BackendHost,
    int BackendPort,
    IReadOnlyList<string>? ViewFields,
    IReadOnlyList<string> Comments,
    IReadOnlyList<ImportFinding> Todos)
{
    /// <summary>The <c>Clusters</c> field it routes to, by <see cref="Role"/>; null for an endpoint with one backend.</summary>
    public string? ClusterField { get; init; }

    public ClusterRole Role { get; init; }

    public int? MaxLagBytes { get; init; }
}

/// <summary>A cluster as it will be declared: the servers of one or more role-checked routes (Patroni's primary and replicas listens).</summary>
internal sealed record ImportedCluster(string Field, string Name, Engine Engine, IReadOnlyList<ClusterNode> Nodes, OnMarkedDown OnMarkedDown);

/// <summary>A pool with the VIPs bound from it and the endpoints listening on them: one generated file.</summary>
/// <param name="Host">The proxy host, or the pair's name for a pool of a pair.</param>
/// <param name="PairField">The <c>Pairs</c> field of the pair that owns it; null for a pool of one host.</param>
internal sealed record ImportedPool(
    string Field,
    string Host,
    string? PairField,
    string Interface,
    string Network,
    string First,
    string Last,
    bool RangeGiven,
    IReadOnlyList<ImportedVip> Vips,
    IReadOnlyList<ImportedEndpoint> Endpoints);

/// <summary>A DNS view as it will be declared: <c>DnsViews.Internal = new(Name: ..., MatchClients: [...], Kind: ...)</c>.</summary>
internal sealed record ImportedView(string Field, string Name, IReadOnlyList<string> MatchClients, ViewKind Kind, IReadOnlyList<ImportFinding> Todos);

/// <summary>
/// Everything an import produced: the pools to write, every finding in file and line order, and the warnings that belong
/// to no declaration (written to NotImported.cs so they stay in front of whoever finishes the import).
/// </summary>
internal sealed record ImportedEstate(
    IReadOnlyList<ImportedPool> Pools,
    IReadOnlyList<ImportedView> Views,
    IReadOnlyList<ImportedPair> Pairs,
    IReadOnlyList<ImportedCluster> Clusters,
    IReadOnlyList<ImportFinding> Findings,
    IReadOnlyList<ImportFinding> Unattached,
    IReadOnlyList<string> SourceFiles);
