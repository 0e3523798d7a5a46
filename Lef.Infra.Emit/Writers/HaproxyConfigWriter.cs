using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// haproxy.cfg for one proxy host: one <c>listen</c> per endpoint port, bound to VIP:port, failing closed. One server per
/// listen and no backups, so traffic never goes anywhere else; <c>on-marked-down shutdown-sessions</c> cuts open sessions
/// when the check fails; no <c>option dontlognull</c>, so rejected connections stay visible in the log.
/// </summary>
internal static class HaproxyConfigWriter
{
    /// <summary>The resolvers section hostname backends use, so HAProxy starts (server disabled) even when DNS is down.</summary>
    public const string Resolvers = "lef_dns";

    /// <summary>
    /// A TDS PRELOGIN packet (MS-TDS 2.2.6.5): header type 0x12, EOM, length 26; VERSION and ENCRYPTION options (encryption
    /// not supported), terminator. A live SQL Server answers with a tabular result packet (type 0x04, EOM).
    /// </summary>
    public const string TdsPrelogin = "1201001a0000010000000b00060100110001ff00000000000002";

    /// <summary>
    /// The role PostgreSQL checks start a session as. Measured (PgsqlCheckTests): any authentication request counts as up,
    /// and PostgreSQL 15 sends one before looking the role up, so the role need not exist; only an error answer (pg_hba
    /// reject, no pg_hba entry) or no answer marks the server down.
    /// </summary>
    public const string PostgreSqlCheckUser = "haproxy";

    /// <summary>The master's pid: a reload is SIGUSR2 to it.</summary>
    public const string PidFile = "/run/haproxy.pid";

    /// <summary>The admin socket (<c>show stat</c>, <c>show servers state</c>, drain), which also passes the listeners on.</summary>
    public const string StatsSocket = "/run/haproxy/admin.sock";

    /// <summary>Where apply saves <c>show servers state</c> before a reload, for the new worker to start from.</summary>
    public const string ServerStateFile = "/var/lib/haproxy/server-state";

    /// <summary>How long an old worker keeps its sessions after a reload: a report or a batch job finishes, pools recycle.</summary>
    public const string HardStopAfter = "15m";

    public static string PostgreSqlCheckLine(string user) => "    option pgsql-check user " + user;

    public static string Write(TopologyModel model, string host) =>
        Write(model, pool => pool.PairKey is null && Names.SameHost(pool.Host, host), "# Proxy host: " + host);

    /// <summary>The one haproxy.cfg both nodes of a pair run, byte for byte: the VIPs move, the file does not.</summary>
    public static string Write(TopologyModel model, PairDeclaration pair) =>
        Write(model, pool => ReferenceEquals(model.PairOf(pool), pair), "# Proxy pair: " + pair.Name + " (" + pair.FirstHost + ", " + pair.SecondHost + "), the same file on both nodes");

    private static string Write(TopologyModel model, System.Func<PoolDeclaration, bool> owns, string owner)
    {
        var listens = Listens(model, owns);
        var text = new Text()
            .Line("# " + GeneratedHeader.Text)
            .Line(owner)
            .Line()
            .Line("global")
            .Line("    log /dev/log local0")
            .Line("    chroot /var/lib/haproxy")
            .Line("    pidfile " + PidFile)
            .Line("    # A reload (SIGUSR2 to the master, systemctl reload) starts a new worker and hands it the listening sockets.")
            .Line("    master-worker")
            .Line("    stats socket " + StatsSocket + " mode 660 level admin expose-fd listeners")
            .Line("    # DOWN stays DOWN across a reload: lef-infra apply writes the servers' state here just before it.")
            .Line("    server-state-file " + ServerStateFile)
            .Line("    # Old workers run no health checks: their last sessions are closed " + HardStopAfter + " after a reload.")
            .Line("    hard-stop-after " + HardStopAfter)
            .Line("    user haproxy")
            .Line("    group haproxy")
            .Line()
            .Line("defaults")
            .Line("    mode tcp")
            .Line("    log global")
            .Line("    option tcplog")
            .Line("    timeout connect 5s")
            .Line("    timeout client 1h")
            .Line("    timeout server 1h")
            .Line("    timeout check 2s")
            .Line("    load-server-state-from-file global")
            .Line("    # Fail closed: down after 2 failed checks 2s apart, and open sessions are cut when it goes down.")
            .Line("    default-server inter 2s fall 2 rise 2 on-marked-down shutdown-sessions");

        if (listens.Any(l => !Ipv4.TryParse(l.Endpoint.BackendHost, out _)))
        {
            text.Line()
                .Line("resolvers " + Resolvers)
                .Line("    parse-resolv-conf")
                .Line("    resolve_retries 3")
                .Line("    timeout resolve 1s")
                .Line("    timeout retry 1s")
                .Line("    hold valid 10s");
        }

        foreach (var (endpoint, vip) in listens)
        {
            WriteListen(text, endpoint, vip);
        }

        return text.ToString();
    }

    /// <summary>The section name, <c>erp-1433</c>: unique per host because a name has one VIP (LEF0005) and VIP:port is unique (LEF0003).</summary>
    public static string ListenName(EndpointDeclaration endpoint) =>
        endpoint.Name!.ToLowerInvariant() + "-" + endpoint.Port!.Value.ToString(CultureInfo.InvariantCulture);

    private static List<(EndpointDeclaration Endpoint, VipDeclaration Vip)> Listens(TopologyModel model, System.Func<PoolDeclaration, bool> owns) =>
        model.Endpoints
            .Select(e => (Endpoint: e, Vip: model.VipOf(e)!))
            .Where(l => owns(model.PoolOf(l.Vip)!))
            .OrderBy(l => ListenName(l.Endpoint), System.StringComparer.Ordinal)
            .ToList();

    private static void WriteListen(Text text, EndpointDeclaration endpoint, VipDeclaration vip)
    {
        var port = endpoint.Port!.Value.ToString(CultureInfo.InvariantCulture);
        text.Line()
            .Line("# " + endpoint.Name!.ToLowerInvariant() + ".db.lef:" + port + " (" + endpoint.Field + ", " + endpoint.Engine + ")")
            .Line("listen " + ListenName(endpoint))
            .Line("    bind " + vip.Address + ":" + port);

        switch (endpoint.Engine)
        {
            case Engine.PostgreSql:
                text.Line(PostgreSqlCheckLine(PostgreSqlCheckUser));
                break;
            case Engine.SqlServer:
                text.Line("    option tcp-check")
                    .Line("    tcp-check connect")
                    .Line("    tcp-check send-binary " + TdsPrelogin)
                    .Line("    tcp-check expect rbinary ^0401");
                break;
            default:
                text.Line("    option tcp-check")
                    .Line("    tcp-check connect");
                break;
        }

        var backend = endpoint.BackendHost + ":" + endpoint.BackendPort!.Value.ToString(CultureInfo.InvariantCulture);
        var server = "    server " + endpoint.Name!.ToLowerInvariant() + " " + backend + " check";
        text.Line(Ipv4.TryParse(endpoint.BackendHost, out _)
            ? server
            : server + " resolvers " + Resolvers + " resolve-prefer ipv4 init-addr last,libc,none");
    }
}
