using Lef.Infra.Dsl;

namespace Rehearsal;

// Both backends live on the "db" namespace's host: a real PostgreSQL, and a TDS PRELOGIN responder for SQL Server.
public static class Endpoints
{
    public static readonly Endpoint Orders = new(
        Name: "orders",
        Vip: Vips.Orders,
        Port: Ports.PostgreSql,
        Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "198.18.1.5", Port: Ports.PostgreSql));

    public static readonly Endpoint Payroll = new(
        Name: "payroll",
        Vip: Vips.Payroll,
        Port: Ports.SqlServer,
        Engine: Engine.SqlServer,
        Backend: new Backend(Host: "198.18.1.5", Port: Ports.SqlServer));
}
