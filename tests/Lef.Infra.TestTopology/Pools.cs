using Lef.Infra.Dsl;

namespace TestTopology;

public static class Pools
{
    public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");

    // A second interface on the same host, with a narrower prefix: its aliases get their own file and netmask.
    public static readonly VipPool CoreBackup = new(Host: "proxy.core.lef", Interface: "ens19", Network: "10.21.0.0/25", First: "10.21.0.10", Last: "10.21.0.20");

    // A second proxy host: its own haproxy.cfg and interfaces file.
    public static readonly VipPool Edge = new(Host: "proxy.edge.lef", Interface: "ens18", Network: "172.16.5.0/24", First: "172.16.5.50", Last: "172.16.5.60");

    // Public addresses (RFC 5737 documentation range) on the edge proxy: the only VIPs an external view may publish.
    public static readonly VipPool Public = new(Host: "proxy.edge.lef", Interface: "ens19", Network: "203.0.113.0/24", First: "203.0.113.10", Last: "203.0.113.20");
}
