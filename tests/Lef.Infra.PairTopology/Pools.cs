using Lef.Infra.Dsl;

namespace PairTopology;

public static class Pools
{
    // keepalived owns these VIPs: they move between proxy-a and proxy-b.
    public static readonly VipPool Core = new(Pair: Pairs.Core, Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");

    // A single host beside the pair, as today: ifupdown stanzas, its own haproxy.cfg.
    public static readonly VipPool Edge = new("proxy.edge.lef", "ens18", "172.16.5.0/24", "172.16.5.50", "172.16.5.60");
}
