using System.Collections.Generic;

namespace Lef.Infra.Dsl;

/// <summary>
/// Two proxy hosts that share their pools' VIPs through keepalived (VRRP, unicast): the node holding the higher priority is
/// the master and holds every VIP; the other takes them over when the master's HAProxy, link or host fails.
/// </summary>
/// <param name="Name">The pair's name, e.g. <c>proxy-core</c>: keepalived's <c>vrrp_instance</c> and what the facts table says.</param>
/// <param name="First">One node: its host, address on <paramref name="Interface"/> and VRRP priority.</param>
/// <param name="Second">The other node.</param>
/// <param name="Interface">The interface both nodes send adverts on and bind the VIPs on, e.g. <c>ens18</c>.</param>
/// <param name="VirtualRouterId">The VRRP virtual router ID (1-255), unique on the LAN.</param>
/// <param name="AdvertIntervalMs">keepalived's <c>advert_int</c> in milliseconds (VRRPv3: 10-40,950, a multiple of 10); failover takes about three.</param>
/// <param name="UnicastPeers">The addresses adverts are sent to: the two nodes' addresses.</param>
/// <param name="FailBack">Whether the VIPs go back to the higher priority node when it returns.</param>
public sealed record ProxyPair(
    string Name, PairNode First, PairNode Second, string Interface, int VirtualRouterId, int AdvertIntervalMs, IReadOnlyList<string> UnicastPeers, FailBack FailBack);
