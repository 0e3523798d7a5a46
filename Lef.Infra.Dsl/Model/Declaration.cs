using System.Collections.Generic;

namespace Lef.Infra.Dsl.Model;

/// <summary>One topology field, e.g. <c>Vips.Erp</c>, as either reader saw it. Unreadable values are null (and reported as LEF0008).</summary>
public abstract class Declaration
{
    /// <summary>The field's full name, <c>Topology.Vips.Erp</c>: what references resolve to.</summary>
    public required string Key { get; init; }

    /// <summary>The field as a user names it: <c>Vips.Erp</c>.</summary>
    public required string Field { get; init; }

    /// <summary>The field's declarator.</summary>
    public required SourceSite Site { get; init; }

    /// <summary>Where each argument is written, by parameter name; nested ones dotted (<c>Backend.Host</c>).</summary>
    public ArgumentSites ArgumentSites { get; init; } = ArgumentSites.None;

    /// <summary>The argument's site, or the declaration's when the argument is not written out.</summary>
    public SourceSite SiteOf(string argument) => ArgumentSites.Find(argument) ?? Site;

    /// <summary><c>Vips.Erp (Vips.cs:12)</c>: how messages name the other side of a conflict.</summary>
    public string Describe() => Field + " (" + Site + ")";
}

/// <summary>A <see cref="VipPool"/> field: of one host, or of a pair (<see cref="PairKey"/>, and no <see cref="Host"/>).</summary>
public sealed class PoolDeclaration : Declaration
{
    /// <summary>Its pair in the model that looked it up last (<see cref="TopologyModel.PairOf"/>).</summary>
    internal ResolvedLink? PairLink;

    public string? Host { get; init; }

    /// <summary>The <see cref="Declaration.Key"/> of the pair field it references; null for a pool of one host.</summary>
    public string? PairKey { get; init; }
    public string? Interface { get; init; }
    public string? Network { get; init; }
    public string? First { get; init; }
    public string? Last { get; init; }
}

/// <summary>A <see cref="Vip"/> field.</summary>
public sealed class VipDeclaration : Declaration
{
    /// <summary>Its pool in the model that looked it up last (<see cref="TopologyModel.PoolOf"/>).</summary>
    internal ResolvedLink? PoolLink;

    private ParsedOnce address;

    /// <summary>The <see cref="Declaration.Key"/> of the pool field it references.</summary>
    public string? PoolKey { get; init; }
    public string? Address { get; init; }
    public int? Alias { get; init; }

    /// <summary>
    /// <see cref="Ipv4.TryParse"/> of <see cref="Address"/>, parsed once: most rules ask for it, and the analyzer reuses a
    /// declaration from one keystroke to the next.
    /// </summary>
    public bool TryGetAddress(out uint value) => address.TryGet(Address, out value);
}

/// <summary>An <see cref="Endpoint"/> field, its <see cref="Backend"/> flattened in.</summary>
public sealed class EndpointDeclaration : Declaration
{
    /// <summary>Its VIP in the model that looked it up last (<see cref="TopologyModel.VipOf"/>).</summary>
    internal ResolvedLink? VipLink;

    public string? Name { get; init; }

    /// <summary>The <see cref="Declaration.Key"/> of the VIP field it references.</summary>
    public string? VipKey { get; init; }
    public int? Port { get; init; }
    public Engine? Engine { get; init; }
    public string? BackendHost { get; init; }
    public int? BackendPort { get; init; }

    private ParsedOnce backendAddress;

    /// <summary><see cref="Ipv4.TryParse"/> of <see cref="BackendHost"/>, parsed once (two rules ask, on every keystroke).</summary>
    public bool TryGetBackendAddress(out uint value) => backendAddress.TryGet(BackendHost, out value);

    /// <summary>The <see cref="Declaration.Key"/>s of the views it lists (null items: unreadable); null when it lists none, meaning every internal view.</summary>
    public IReadOnlyList<string?>? ViewKeys { get; init; }

    /// <summary>Its cluster in the model that looked it up last (<see cref="TopologyModel.ClusterOf"/>).</summary>
    internal ResolvedLink? ClusterLink;

    /// <summary>The <see cref="Declaration.Key"/> of the cluster field it references; null for an endpoint with one backend.</summary>
    public string? ClusterKey { get; init; }

    /// <summary>The role it routes to on its cluster.</summary>
    public ClusterRole? Role { get; init; }

    /// <summary>A replica endpoint's lag bound in bytes; null or 0: none.</summary>
    public int? MaxLagBytes { get; init; }
}

/// <summary>A <see cref="Cluster"/> field, its <see cref="ClusterNode"/>s read in place.</summary>
public sealed class ClusterDeclaration : Declaration
{
    public string? Name { get; init; }
    public Engine? Engine { get; init; }

    /// <summary>As written; null when the list could not be read.</summary>
    public IReadOnlyList<ClusterNodeValues>? Nodes { get; init; }
    public RoleCheck? Check { get; init; }
    public OnMarkedDown? OnMarkedDown { get; init; }

    /// <summary>Whether HAProxy asks each node for the role, rather than only whether it answers.</summary>
    public bool ChecksRole => Check is { } check && check != RoleCheck.None;

    /// <summary>Whether the role check is HTTP to a port of its own (Patroni's REST API, Galera's clustercheck), not the service's protocol.</summary>
    public bool ChecksOverHttp => Check is RoleCheck.PatroniRest or RoleCheck.GaleraClustercheck;

    /// <summary>The engines a role check can speak to; null when it speaks to any (None).</summary>
    public static Engine[]? EnginesOf(RoleCheck check) => check switch
    {
        RoleCheck.PatroniRest => [Dsl.Engine.PostgreSql, Dsl.Engine.SqlServer],
        RoleCheck.RedisReplication => [Dsl.Engine.Redis],
        RoleCheck.GaleraClustercheck => [Dsl.Engine.MySql],
        _ => null,
    };
}

/// <summary>One <see cref="ClusterNode"/> of a cluster, as written; <see cref="Argument"/> is where (<c>Nodes[1]</c>, for <see cref="Declaration.SiteOf"/>).</summary>
public sealed record ClusterNodeValues(string Argument, string? Host, int? Port, int? CheckPort)
{
    private ParsedOnce address;

    /// <summary><see cref="Ipv4.TryParse"/> of <see cref="Host"/>, parsed once.</summary>
    public bool TryGetAddress(out uint value) => address.TryGet(Host, out value);
}

/// <summary>A <see cref="DnsView"/> field.</summary>
public sealed class ViewDeclaration : Declaration
{
    public string? Name { get; init; }

    /// <summary>CIDRs or "any", as written (null items: unreadable).</summary>
    public IReadOnlyList<string?>? MatchClients { get; init; }
    public ViewKind? Kind { get; init; }
}

/// <summary>A <see cref="ProxyPair"/> field, its two <see cref="PairNode"/>s flattened in.</summary>
public sealed class PairDeclaration : Declaration
{
    public string? Name { get; init; }
    public string? FirstHost { get; init; }
    public string? FirstAddress { get; init; }
    public int? FirstPriority { get; init; }
    public string? SecondHost { get; init; }
    public string? SecondAddress { get; init; }
    public int? SecondPriority { get; init; }
    public string? Interface { get; init; }
    public int? VirtualRouterId { get; init; }
    public int? AdvertIntervalMs { get; init; }

    /// <summary>As written (null items: unreadable).</summary>
    public IReadOnlyList<string?>? UnicastPeers { get; init; }
    public FailBack? FailBack { get; init; }

    /// <summary>The node with the higher priority, which holds the VIPs while both run: First on a tie (LEF0019).</summary>
    public bool FirstIsMaster => (FirstPriority ?? 0) >= (SecondPriority ?? 0);
}

/// <summary>
/// A reference resolved in one model, kept on the declaration that holds it: every rule and writer asks for an endpoint's
/// VIP and a VIP's pool, and a lookup by key (or by reference, in a dictionary) each time cost more than the rules. It is
/// only used by the model that made it: a declaration reused by the next model (the analyzer keeps a file's declarations
/// from one keystroke to the next) is resolved again there. Replaced whole, so concurrent models never see half of one.
/// </summary>
internal sealed class ResolvedLink(TopologyModel model, Declaration? target)
{
    public TopologyModel Model { get; } = model;

    public Declaration? Target { get; } = target;
}

/// <summary>
/// An address parsed once and kept on its declaration (a field of it, mutated in place: never copy it). Set once; a race
/// only parses twice to the same result, and the value is written before the state that says it is there.
/// </summary>
internal struct ParsedOnce
{
    // 0: not parsed yet, 1: an address, 2: not one.
    private int state;
    private uint address;

    public bool TryGet(string? text, out uint value)
    {
        var seen = System.Threading.Volatile.Read(ref state);
        if (seen == 0)
        {
            var ok = Ipv4.TryParse(text, out var result);
            address = result;
            seen = ok ? 1 : 2;
            System.Threading.Volatile.Write(ref state, seen);
        }

        value = address;
        return seen == 1;
    }
}
