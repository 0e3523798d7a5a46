using Lef.Infra.Dsl;

namespace Topology;

// EXAMPLE: the documented VIP pool on proxy.core.lef. Replace with the real facts from "TCP proxy (facts)".
public static class Pools
{
    public static readonly VipPool ProxyCore = new(
        Host: "proxy.core.lef",
        Interface: "ens18",
        Network: "10.20.0.0/24",
        First: "10.20.0.100",
        Last: "10.20.0.199");
}
