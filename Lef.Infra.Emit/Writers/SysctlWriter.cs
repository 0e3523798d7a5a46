namespace Lef.Infra.Emit.Writers;

/// <summary>
/// The sysctl file of a pair node: HAProxy on the backup binds VIPs keepalived has not given it (yet), so both nodes run
/// the same haproxy.cfg and a failover needs no reload. systemd-sysctl reads /etc/sysctl.d/ at boot; apply loads it with
/// <c>sysctl -p FILE</c>.
/// </summary>
internal static class SysctlWriter
{
    public const string FileName = "60-lef-nonlocal-bind.conf";

    public const string LiveDirectory = "/etc/sysctl.d";

    public const string Setting = "net.ipv4.ip_nonlocal_bind = 1";

    public static string Write(Lef.Infra.Dsl.Model.PairDeclaration pair) => new Text()
        .Line("# " + GeneratedHeader.Text)
        .Line("# A node of the pair " + pair.Name + ": HAProxy binds the pair's VIPs on whichever node holds them, and on the other one too.")
        .Line(Setting)
        .ToString();
}
