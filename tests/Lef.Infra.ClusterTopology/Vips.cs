using Lef.Infra.Dsl;

namespace ClusterTopology;

public static class Vips
{
    public static readonly Vip Orders = new(Pool: Pools.Core, Address: "10.20.0.110", Alias: 10);

    public static readonly Vip OrdersRead = new(Pool: Pools.Core, Address: "10.20.0.111", Alias: 11);

    public static readonly Vip Payroll = new(Pool: Pools.Core, Address: "10.20.0.112", Alias: 12);

    public static readonly Vip Queue = new(Pool: Pools.Core, Address: "10.20.0.113", Alias: 13);

    public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.114", Alias: 14);
}
