namespace Lef.Infra.Dsl;

/// <summary>
/// A range of addresses a proxy host may bind as VIPs, e.g. the 10.20.0.100-199 pool on proxy.core.lef.
/// </summary>
/// <param name="Host">The proxy host that owns the pool (its haproxy.cfg and interfaces are emitted under this name).</param>
/// <param name="Interface">The parent interface VIP aliases are bound on, e.g. <c>ens18</c>.</param>
/// <param name="Network">The network in CIDR form, e.g. <c>10.20.0.0/24</c>; its prefix gives the alias netmask.</param>
/// <param name="First">The first address VIPs may use.</param>
/// <param name="Last">The last address VIPs may use.</param>
public sealed record VipPool(string Host, string Interface, string Network, string First, string Last);
