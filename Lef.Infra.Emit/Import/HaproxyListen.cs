using System.Collections.Generic;

namespace Lef.Infra.Emit.Import;

/// <summary>An address:port a section binds, as written (the address is matched to an alias later).</summary>
internal sealed record HaproxyBind(string Address, int Port, ConfigSite Site);

/// <summary>
/// A server an endpoint forwards to. <paramref name="Port"/> is null when the line has none (HAProxy then uses the bind's
/// port); <paramref name="CheckPort"/> is its own <c>port</c> setting (where its check goes), <paramref name="ShutdownSessions"/>
/// whether it has <c>on-marked-down shutdown-sessions</c>.
/// </summary>
internal sealed record HaproxyServer(string Name, string Host, int? Port, ConfigSite Site, int? CheckPort = null, bool ShutdownSessions = false);

/// <summary>
/// A role check of Patroni's REST API (<c>option httpchk OPTIONS /primary</c>, <c>http-check expect status 200</c>, each
/// server's <c>check port</c>): the route goes to every server that holds <paramref name="Role"/>, mapped to a Cluster.
/// </summary>
internal sealed record RoleCheckFacts(Dsl.ClusterRole Role, int? MaxLagBytes, ConfigSite Site);

/// <summary>The health check a section runs, as far as it picks an engine.</summary>
internal enum HealthCheck
{
    /// <summary>No check, a connect check, or one Lef.Infra does not emit (httpchk, mysql-check, ...).</summary>
    Other,

    /// <summary><c>option pgsql-check</c>.</summary>
    PostgreSql,

    /// <summary>A <c>tcp-check send-binary</c> of a TDS PRELOGIN packet (type 0x12): SQL Server.</summary>
    TdsPrelogin,
}

/// <summary>
/// A TCP route of the live config: a <c>listen</c>, or a <c>frontend</c> with the <c>backend</c> it sends to. Each bind
/// becomes one endpoint. <paramref name="Todos"/> are the parts of it the DSL cannot express, written above its endpoints.
/// </summary>
internal sealed record HaproxyListen(
    string ProxyHost,
    string Description,
    string SectionName,
    ConfigSite Site,
    IReadOnlyList<HaproxyBind> Binds,
    HaproxyServer Server,
    HealthCheck Check,
    string? EndpointField,
    IReadOnlyList<string> Comments,
    IReadOnlyList<ImportFinding> Todos)
{
    /// <summary>Every server of a route with a role check (each with its check port); otherwise only <see cref="Server"/>.</summary>
    public IReadOnlyList<HaproxyServer> Servers { get; init; } = [Server];

    /// <summary>The role check the route has, or null: then <see cref="Server"/> is its one backend.</summary>
    public RoleCheckFacts? RoleCheck { get; init; }
}
