using Lef.Infra.Dsl;

namespace RehearsalPair;

public static class Vips
{
    public static readonly Vip Orders = new(Pool: Pools.Proxy, Address: "198.18.0.101", Alias: 1);
}
