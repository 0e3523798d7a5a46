namespace Lef.Infra.Dsl;

/// <summary>What speaks behind an endpoint; it picks the HAProxy health check.</summary>
public enum Engine
{
    /// <summary>Any TCP service: a plain connect check.</summary>
    Tcp = 0,

    /// <summary>Microsoft SQL Server: a TDS PRELOGIN exchange.</summary>
    SqlServer = 1,

    /// <summary>PostgreSQL: <c>option pgsql-check</c>.</summary>
    PostgreSql = 2,
}
