using Lef.Infra.Dsl;

namespace Topology;

// EXAMPLE endpoints (<Name>.db.lef). Replace with the real facts from "TCP proxy (facts)".
public static class Endpoints
{
    public static readonly Endpoint Erp = new(
        Name: "erp",
        Vip: Vips.Erp,
        Port: Ports.SqlServer,
        Engine: Engine.SqlServer,
        Backend: new Backend(Host: "sql-erp-01.core.lef", Port: Ports.SqlServer));

    // An IP backend: no DNS name exists for this server yet.
    public static readonly Endpoint Crm = new(
        Name: "crm",
        Vip: Vips.Crm,
        Port: Ports.SqlServer,
        Engine: Engine.SqlServer,
        Backend: new Backend(Host: "10.20.1.21", Port: Ports.SqlServer));

    public static readonly Endpoint Billing = new(
        Name: "billing",
        Vip: Vips.Billing,
        Port: Ports.PostgreSql,
        Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "pg-billing-01.core.lef", Port: Ports.PostgreSql));

    public static readonly Endpoint Analytics = new(
        Name: "analytics",
        Vip: Vips.Analytics,
        Port: Ports.PostgreSql,
        Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "pg-analytics-01.core.lef", Port: Ports.PostgreSql));

    public static readonly Endpoint Warehouse = new(
        Name: "warehouse",
        Vip: Vips.Warehouse,
        Port: Ports.PostgreSql,
        Engine: Engine.PostgreSql,
        Backend: new Backend(Host: "pg-warehouse-01.core.lef", Port: Ports.PostgreSql));

    // Same VIP as Warehouse, another port: the SQL Server side of the migration.
    public static readonly Endpoint WarehouseLegacy = new(
        Name: "warehouse-legacy",
        Vip: Vips.Warehouse,
        Port: Ports.SqlServer,
        Engine: Engine.SqlServer,
        Backend: new Backend(Host: "sql-warehouse-01.core.lef", Port: Ports.SqlServer));

    // Limited to the internal view by name: it stays out of any internal view added later (a lab or partner view).
    public static readonly Endpoint Hr = new(
        Name: "hr",
        Vip: Vips.Hr,
        Port: Ports.SqlServer,
        Engine: Engine.SqlServer,
        Backend: new Backend(Host: "10.20.1.35", Port: Ports.SqlServer),
        Views: [DnsViews.Internal]);

    // A plain TCP service (Firebird): connect check only.
    public static readonly Endpoint Ledger = new(
        Name: "ledger",
        Vip: Vips.Ledger,
        Port: 3050,
        Engine: Engine.Tcp,
        Backend: new Backend(Host: "fb-ledger-01.core.lef", Port: 3050));
}
