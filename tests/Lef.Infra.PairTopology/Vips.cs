using Lef.Infra.Dsl;

namespace PairTopology;

public static class Vips
{
    public static readonly Vip Alpha = new(Pool: Pools.Core, Address: "10.20.0.100", Alias: 1);
    public static readonly Vip Beta = new(Pools.Core, "10.20.0.101", 2);
    public static readonly Vip Delta = new(Pool: Pools.Edge, Address: "172.16.5.55", Alias: 3);
}
