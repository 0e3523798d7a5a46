using Lef.Infra.Dsl;

namespace RehearsalCluster;

public static class Vips
{
    public static readonly Vip Orders = new(Pool: Pools.Proxy, Address: "198.18.0.101", Alias: 1);

    public static readonly Vip Reports = new(Pool: Pools.Proxy, Address: "198.18.0.102", Alias: 2);
}
