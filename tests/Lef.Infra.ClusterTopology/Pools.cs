using Lef.Infra.Dsl;

namespace ClusterTopology;

public static class Pools
{
    public static readonly VipPool Core = new(
        Host: "proxy.core.lef",
        Interface: "ens18",
        Network: "10.20.0.0/24",
        First: "10.20.0.100",
        Last: "10.20.0.199");
}
