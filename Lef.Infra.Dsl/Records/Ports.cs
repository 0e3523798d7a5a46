namespace Lef.Infra.Dsl;

/// <summary>Well-known database ports.</summary>
public static class Ports
{
    /// <summary>Microsoft SQL Server's default port.</summary>
    public const int SqlServer = 1433;

    /// <summary>PostgreSQL's default port.</summary>
    public const int PostgreSql = 5432;

    /// <summary>MySQL's and MariaDB's default port.</summary>
    public const int MySql = 3306;

    /// <summary>Redis's default port.</summary>
    public const int Redis = 6379;

    /// <summary>Galera's clustercheck (xinetd or a service): HTTP 200 while the node is Synced.</summary>
    public const int GaleraClustercheck = 9200;

    /// <summary>Patroni's REST API: the role checks of a <see cref="RoleCheck.PatroniRest"/> cluster.</summary>
    public const int PatroniRest = 8008;
}
