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

    /// <summary>MySQL or MariaDB (a Galera node): <c>option mysql-check</c>, the server's greeting and a login attempt.</summary>
    MySql = 3,

    /// <summary>Redis: <c>option redis-check</c>, a PING answered with +PONG.</summary>
    Redis = 4,
}
