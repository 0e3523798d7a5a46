using Lef.Infra.Dsl;

namespace RehearsalPair;

// PostgreSQL on the "db" namespace, on the LAN beside both proxies.
public static class Endpoints
{
    public static readonly Endpoint Orders = new(
        Name: "orders",
        Vip: Vips.Orders,
        Port: Ports.PostgreSql,
        Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "198.18.0.5", Port: Ports.PostgreSql));
}
