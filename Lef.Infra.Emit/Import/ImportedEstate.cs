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
    IReadOnlyList<ImportFinding> Todos);

/// <summary>A pool with the VIPs bound from it and the endpoints listening on them: one generated file.</summary>
internal sealed record ImportedPool(
    string Field,
    string Host,
    string Interface,
    string Network,
    string First,
    string Last,
    bool RangeGiven,
    IReadOnlyList<ImportedVip> Vips,
    IReadOnlyList<ImportedEndpoint> Endpoints)
{
    /// <summary>The pair whose keepalived holds the pool's VIPs (its <see cref="Host"/> is then the pair's name); null for one host.</summary>
    public ImportedPair? Pair { get; init; }
}

/// <summary>A pair read from its nodes' keepalived.conf: <c>Pairs.X = new(Name: ..., First: new PairNode(...), ...)</c>.</summary>
internal sealed record ImportedPair(string Field, string Name, KeepalivedNode First, KeepalivedNode Second);

/// <summary>A DNS view as it will be declared: <c>DnsViews.Internal = new(Name: ..., MatchClients: [...], Kind: ...)</c>.</summary>
internal sealed record ImportedView(string Field, string Name, IReadOnlyList<string> MatchClients, ViewKind Kind, IReadOnlyList<ImportFinding> Todos);

/// <summary>
/// Everything an import produced: the pools to write, every finding in file and line order, and the warnings that belong
/// to no declaration (written to NotImported.cs so they stay in front of whoever finishes the import).
/// </summary>
internal sealed record ImportedEstate(
    IReadOnlyList<ImportedPool> Pools,
    IReadOnlyList<ImportedView> Views,
    IReadOnlyList<ImportFinding> Findings,
    IReadOnlyList<ImportFinding> Unattached,
    IReadOnlyList<string> SourceFiles)
{
    public IReadOnlyList<ImportedPair> Pairs { get; init; } = [];
}
