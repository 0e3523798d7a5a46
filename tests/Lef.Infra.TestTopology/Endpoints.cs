using Lef.Infra.Dsl;

namespace TestTopology;

public static class Endpoints
{
    private const int FirebirdPort = 3050;

    public static readonly Endpoint AlphaSql = new(
        Name: "alpha", Vip: Vips.Alpha, Port: Ports.SqlServer, Engine: Engine.SqlServer,
        Backend: new Backend(Host: "sql-alpha-01.core.lef", Port: Ports.SqlServer));

    // Same VIP and name, another port and engine.
    public static readonly Endpoint AlphaPg = new(
        Name: "alpha", Vip: Vips.Alpha, Port: Ports.PostgreSql, Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "10.30.0.5", Port: 5433));

    public static readonly Endpoint Beta = new(
        Name: "Beta", Vip: Vips.Beta, Port: FirebirdPort, Engine: Engine.Tcp,
        Backend: new Backend("fb-beta.core.lef", FirebirdPort));

    // Only in the backup view.
    public static readonly Endpoint Gamma = new(
        Name: "gamma", Vip: Vips.Gamma, Port: Ports.PostgreSql, Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "pg-gamma.core.lef", Port: Ports.PostgreSql), Views: new[] { DnsViews.Backup });

    public static readonly Endpoint Delta = new(
        Name: "delta", Vip: Vips.Delta, Port: 14330, Engine: Engine.SqlServer,
        Backend: new Backend(Host: "172.16.9.9", Port: Ports.SqlServer));

    // Public VIP: published inside and outside.
    public static readonly Endpoint Omega = new(
        Name: "omega", Vip: Vips.Omega, Port: 443, Engine: Engine.Tcp,
        Backend: new Backend(Host: "web-omega.core.lef", Port: 8443), Views: [DnsViews.Internal, DnsViews.External]);
}
