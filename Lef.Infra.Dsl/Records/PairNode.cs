namespace Lef.Infra.Dsl;

/// <summary>One node of a <see cref="ProxyPair"/>, written in place.</summary>
/// <param name="Host">The proxy host, e.g. <c>proxy-a.core.lef</c>: its files are emitted under this name.</param>
/// <param name="Address">Its own address on the pair's interface: keepalived's <c>unicast_src_ip</c>.</param>
/// <param name="Priority">Its VRRP priority (1-254); the higher one is the master.</param>
public sealed record PairNode(string Host, string Address, int Priority);
