using Lef.Infra.Dsl;

namespace RehearsalPair;

// Two proxies on one LAN (a bridge in the "lan" namespace). FailBack.Stay: the one policy under which no moment can
// exist where both nodes hold a VIP when a node comes back (with Preempt the returning node adds its VIPs before the
// other has heard its advert: VRRP preemption itself).
public static class Pairs
{
    public static readonly ProxyPair Proxy = new(
        Name: "proxy-rehearsal",
        First: new PairNode(Host: "proxy-a.rehearsal.lef", Address: "198.18.0.2", Priority: 150),
        Second: new PairNode(Host: "proxy-b.rehearsal.lef", Address: "198.18.0.3", Priority: 100),
        Interface: "ens18",
        VirtualRouterId: 51,
        AdvertIntervalMs: 300,
        UnicastPeers: ["198.18.0.2", "198.18.0.3"],
        FailBack: FailBack.Stay);
}
