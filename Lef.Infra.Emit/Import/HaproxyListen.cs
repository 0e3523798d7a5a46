using System.Collections.Generic;

namespace Lef.Infra.Emit.Import;

/// <summary>An address:port a section binds, as written (the address is matched to an alias later).</summary>
internal sealed record HaproxyBind(string Address, int Port, ConfigSite Site);

/// <summary>The one server an endpoint forwards to. <paramref name="Port"/> is null when the line has none (HAProxy then uses the bind's port).</summary>
internal sealed record HaproxyServer(string Name, string Host, int? Port, ConfigSite Site);

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
    IReadOnlyList<ImportFinding> Todos);
