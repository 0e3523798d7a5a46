using Lef.Infra.Dsl;

namespace Topology;

// EXAMPLE VIPs, one alias each on ens18. Replace with the real facts from "TCP proxy (facts)".
public static class Vips
{
    public static readonly Vip Erp = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 1);

    public static readonly Vip Crm = new(Pool: Pools.ProxyCore, Address: "10.20.0.102", Alias: 2);

    public static readonly Vip Billing = new(Pool: Pools.ProxyCore, Address: "10.20.0.103", Alias: 3);

    public static readonly Vip Analytics = new(Pool: Pools.ProxyCore, Address: "10.20.0.104", Alias: 4);

    // Shared by two endpoints on different ports (PostgreSQL and SQL Server during the warehouse migration).
    public static readonly Vip Warehouse = new(Pool: Pools.ProxyCore, Address: "10.20.0.105", Alias: 5);

    public static readonly Vip Hr = new(Pool: Pools.ProxyCore, Address: "10.20.0.106", Alias: 6);

    public static readonly Vip Ledger = new(Pool: Pools.ProxyCore, Address: "10.20.0.107", Alias: 7);
}
