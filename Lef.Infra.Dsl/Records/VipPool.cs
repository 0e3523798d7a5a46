namespace Lef.Infra.Dsl;

/// <summary>
/// A range of addresses a proxy host, or a pair of them, may bind as VIPs, e.g. the 10.20.0.100-199 pool on proxy.core.lef.
/// </summary>
/// <param name="Host">The proxy host that owns the pool (its haproxy.cfg and interfaces are emitted under this name).</param>
/// <param name="Interface">The parent interface VIP aliases are bound on, e.g. <c>ens18</c>.</param>
/// <param name="Network">The network in CIDR form, e.g. <c>10.20.0.0/24</c>; its prefix gives the alias netmask.</param>
/// <param name="First">The first address VIPs may use.</param>
/// <param name="Last">The last address VIPs may use.</param>
public sealed record VipPool(string Host, string Interface, string Network, string First, string Last)
{
    /// <summary>A pool of a pair: keepalived moves its VIPs between the two nodes, and both run the same haproxy.cfg.</summary>
    /// <param name="Pair">The pair that owns the pool: a reference to a <see cref="ProxyPair"/> field.</param>
    /// <param name="Interface">The interface the VIPs are labelled on (<c>ens18:n</c>); the pair's own.</param>
    /// <param name="Network">The network in CIDR form; its prefix is written with each VIP.</param>
    /// <param name="First">The first address VIPs may use.</param>
    /// <param name="Last">The last address VIPs may use.</param>
    public VipPool(ProxyPair Pair, string Interface, string Network, string First, string Last)
        : this(Pair.Name, Interface, Network, First, Last) => this.Pair = Pair;

    /// <summary>The pair that owns the pool; null for a pool of one host.</summary>
    public ProxyPair? Pair { get; }
}
