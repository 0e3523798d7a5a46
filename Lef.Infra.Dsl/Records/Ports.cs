namespace Lef.Infra.Dsl;

/// <summary>Well-known database ports.</summary>
public static class Ports
{
    /// <summary>Microsoft SQL Server's default port.</summary>
    public const int SqlServer = 1433;

    /// <summary>PostgreSQL's default port.</summary>
    public const int PostgreSql = 5432;

    /// <summary>Patroni's REST API: the role checks of a <see cref="RoleCheck.PatroniRest"/> cluster.</summary>
    public const int PatroniRest = 8008;
}
