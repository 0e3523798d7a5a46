using Lef.Infra.Dsl;

namespace PairTopology;

public static class Pairs
{
    // proxy-a is the master (higher priority) and takes the VIPs back when it returns.
    public static readonly ProxyPair Core = new(
        Name: "proxy-core",
        First: new PairNode(Host: "proxy-a.core.lef", Address: "10.20.0.11", Priority: 150),
        Second: new PairNode(Host: "proxy-b.core.lef", Address: "10.20.0.12", Priority: 100),
        Interface: "ens18",
        VirtualRouterId: 51,
        AdvertIntervalMs: 300,
        UnicastPeers: ["10.20.0.11", "10.20.0.12"],
        FailBack: FailBack.Preempt);
}
