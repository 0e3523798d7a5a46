using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Lef.Infra.Dsl.Model;

/// <summary>One record creation's arguments as the reader evaluated them, by (dotted) parameter name: what a declaration is made of.</summary>
internal interface IRecordArguments
{
    string Key { get; }

    string Field { get; }

    SourceSite Site { get; }

    ArgumentSites Sites { get; }

    string? String(string name);

    int? Int(string name);

    /// <summary>A reference to another topology field, as that field's key.</summary>
    string? Reference(string name);

    IReadOnlyList<string?>? StringList(string name);

    IReadOnlyList<string?>? ReferenceList(string name);

    /// <summary>How many records a list written in place holds (<c>[new ClusterNode(...), ...]</c>), each read as <c>name[i].Parameter</c>; null, and reported, when it is not written out.</summary>
    int? ListCount(string name);
}

/// <summary>
/// Every record users declare as a topology field, by full type name, with what its arguments mean to the model, and the
/// records written in place inside one (a Backend). The reader knows the records only through this table: a new kind of
/// record is an entry here and a list in <see cref="TopologyModel"/>.
/// </summary>
internal static class RecordKinds
{
    /// <summary>The records the reader cannot work without; the others are read when the referenced Dsl has them.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [typeof(VipPool).FullName!, typeof(Vip).FullName!, typeof(Endpoint).FullName!, typeof(Backend).FullName!, typeof(DnsView).FullName!];

    public static IReadOnlyDictionary<string, Func<IRecordArguments, Declaration>> Declared { get; } = new Dictionary<string, Func<IRecordArguments, Declaration>>(StringComparer.Ordinal)
    {
        [typeof(VipPool).FullName!] = a => new PoolDeclaration
        {
            Key = a.Key,
            Field = a.Field,
            Site = a.Site,
            ArgumentSites = a.Sites,
            Host = a.String(nameof(VipPool.Host)),
            PairKey = a.Reference(nameof(VipPool.Pair)),
            Interface = a.String(nameof(VipPool.Interface)),
            Network = a.String(nameof(VipPool.Network)),
            First = a.String(nameof(VipPool.First)),
            Last = a.String(nameof(VipPool.Last)),
        },
        [typeof(Vip).FullName!] = a => new VipDeclaration
        {
            Key = a.Key,
            Field = a.Field,
            Site = a.Site,
            ArgumentSites = a.Sites,
            PoolKey = a.Reference(nameof(Vip.Pool)),
            Address = a.String(nameof(Vip.Address)),
            Alias = a.Int(nameof(Vip.Alias)),
        },
        [typeof(Endpoint).FullName!] = a => new EndpointDeclaration
        {
            Key = a.Key,
            Field = a.Field,
            Site = a.Site,
            ArgumentSites = a.Sites,
            Name = a.String(nameof(Endpoint.Name)),
            VipKey = a.Reference(nameof(Endpoint.Vip)),
            Port = a.Int(nameof(Endpoint.Port)),
            Engine = a.Int(nameof(Endpoint.Engine)) is { } engine ? (Engine)engine : null,
            BackendHost = a.String(nameof(Endpoint.Backend) + "." + nameof(Backend.Host)),
            BackendPort = a.Int(nameof(Endpoint.Backend) + "." + nameof(Backend.Port)),
            ViewKeys = a.ReferenceList(nameof(Endpoint.Views)),
            ClusterKey = a.Reference(nameof(Endpoint.Cluster)),
            Role = a.Int(nameof(Endpoint.Role)) is { } role ? (ClusterRole)role : null,
            MaxLagBytes = a.Int(nameof(Endpoint.MaxLagBytes)),
        },
        [typeof(Cluster).FullName!] = a => new ClusterDeclaration
        {
            Key = a.Key,
            Field = a.Field,
            Site = a.Site,
            ArgumentSites = a.Sites,
            Name = a.String(nameof(Cluster.Name)),
            Engine = a.Int(nameof(Cluster.Engine)) is { } engine ? (Engine)engine : null,
            Nodes = a.ListCount(nameof(Cluster.Nodes)) is { } count ? [.. Enumerable.Range(0, count).Select(i => Node(a, nameof(Cluster.Nodes) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"))] : null,
            Check = a.Int(nameof(Cluster.Check)) is { } check ? (RoleCheck)check : null,
            OnMarkedDown = a.Int(nameof(Cluster.OnMarkedDown)) is { } marked ? (OnMarkedDown)marked : null,
        },
        [typeof(DnsView).FullName!] = a => new ViewDeclaration
        {
            Key = a.Key,
            Field = a.Field,
            Site = a.Site,
            ArgumentSites = a.Sites,
            Name = a.String(nameof(DnsView.Name)),
            MatchClients = a.StringList(nameof(DnsView.MatchClients)),
            Kind = a.Int(nameof(DnsView.Kind)) is { } kind ? (ViewKind)kind : null,
        },
        [typeof(ProxyPair).FullName!] = a => new PairDeclaration
        {
            Key = a.Key,
            Field = a.Field,
            Site = a.Site,
            ArgumentSites = a.Sites,
            Name = a.String(nameof(ProxyPair.Name)),
            FirstHost = a.String(nameof(ProxyPair.First) + "." + nameof(PairNode.Host)),
            FirstAddress = a.String(nameof(ProxyPair.First) + "." + nameof(PairNode.Address)),
            FirstPriority = a.Int(nameof(ProxyPair.First) + "." + nameof(PairNode.Priority)),
            SecondHost = a.String(nameof(ProxyPair.Second) + "." + nameof(PairNode.Host)),
            SecondAddress = a.String(nameof(ProxyPair.Second) + "." + nameof(PairNode.Address)),
            SecondPriority = a.Int(nameof(ProxyPair.Second) + "." + nameof(PairNode.Priority)),
            Interface = a.String(nameof(ProxyPair.Interface)),
            VirtualRouterId = a.Int(nameof(ProxyPair.VirtualRouterId)),
            AdvertIntervalMs = a.Int(nameof(ProxyPair.AdvertIntervalMs)),
            UnicastPeers = a.StringList(nameof(ProxyPair.UnicastPeers)),
            FailBack = a.Int(nameof(ProxyPair.FailBack)) is { } failBack ? (FailBack)failBack : null,
        },
    };

    /// <summary>Records read in place as part of the one that holds them, their arguments dotted under its parameter (<c>Backend.Host</c>).</summary>
    public static IReadOnlyList<string> Inline { get; } = [typeof(Backend).FullName!, typeof(PairNode).FullName!, typeof(ClusterNode).FullName!];

    private static ClusterNodeValues Node(IRecordArguments a, string node) =>
        new(node, a.String(node + "." + nameof(ClusterNode.Host)), a.Int(node + "." + nameof(ClusterNode.Port)), a.Int(node + "." + nameof(ClusterNode.CheckPort)));
}
