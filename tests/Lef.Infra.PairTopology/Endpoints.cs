using Lef.Infra.Dsl;

namespace PairTopology;

public static class Endpoints
{
    public static readonly Endpoint AlphaPg = new(
        Name: "alpha", Vip: Vips.Alpha, Port: Ports.PostgreSql, Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "10.30.0.5", Port: Ports.PostgreSql));

    public static readonly Endpoint BetaSql = new(
        Name: "beta", Vip: Vips.Beta, Port: Ports.SqlServer, Engine: Engine.SqlServer,
        Backend: new Backend(Host: "sql-beta-01.core.lef", Port: Ports.SqlServer));

    public static readonly Endpoint Delta = new(
        Name: "delta", Vip: Vips.Delta, Port: 3050, Engine: Engine.Tcp,
        Backend: new Backend(Host: "fb-delta.core.lef", Port: 3050));
}
