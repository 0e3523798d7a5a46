using Lef.Infra.Dsl;

namespace TestTopology;

public static class Vips
{
    public static readonly Vip Alpha = new(Pool: Pools.Core, Address: "10.20.0.100", Alias: 1);
    public static readonly Vip Beta = new(Pool: Pools.Core, Address: "10.20.0.199", Alias: 2);
    public static readonly Vip Gamma = new(Pools.CoreBackup, "10.21.0.10", 1);
    public static readonly Vip Delta = new(Pool: Pools.Edge, Address: "172.16.5.55", Alias: 3);
    public static readonly Vip Omega = new(Pool: Pools.Public, Address: "203.0.113.10", Alias: 1);
}
