namespace Lef.Infra.Emit.Verification;

/// <summary>The names of the checks, as the table's columns and the failure lines print them (the runbook's step 6).</summary>
internal static class Checks
{
    /// <summary>The name resolves to the endpoint's VIP, and to nothing else.</summary>
    public const string Dns = "dns";

    /// <summary><c>nc -vz &lt;name&gt;.db.lef &lt;port&gt;</c>.</summary>
    public const string TcpName = "tcp-name";

    /// <summary><c>nc -vz &lt;vip-ip&gt; &lt;port&gt;</c>.</summary>
    public const string TcpVip = "tcp-vip";

    /// <summary>The engine's own handshake through VIP:port: a backend answers, not just HAProxy.</summary>
    public const string Probe = "probe";

    /// <summary>For an endpoint on a PostgreSQL cluster: the node reached through the VIP holds the endpoint's role (<see cref="RoleQuery"/>).</summary>
    public const string Role = "role";

    public static readonly string[] All = [Dns, TcpName, TcpVip, Probe];

    /// <summary>The columns when some endpoint checked is on a cluster.</summary>
    public static readonly string[] WithRole = [.. All, Role];
}
