using Lef.Infra.Dsl;

namespace RehearsalCluster;

// 198.18.0.0/15 is reserved for network tests (RFC 2544): these addresses exist only inside the rehearsal's namespaces.
public static class Pools
{
    public static readonly VipPool Proxy = new(
        Host: "proxy.rehearsal.lef",
        Interface: "ens18",
        Network: "198.18.0.0/24",
        First: "198.18.0.100",
        Last: "198.18.0.199");
}
