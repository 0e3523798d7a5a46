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

    /// <summary>
    /// The user MySQL checks log in as: <c>mysql-check</c> reads the server's greeting, sends a login without a password and
    /// a QUIT; the user must exist (<c>CREATE USER 'haproxy'@'proxy-address'</c>) or every check fails.
    /// </summary>
    public const string MySqlCheckUser = "haproxy";

    /// <summary>The master's pid: a reload is SIGUSR2 to it.</summary>
    public const string PidFile = "/run/haproxy.pid";

    /// <summary>The admin socket (<c>show stat</c>, <c>show servers state</c>, drain), which also passes the listeners on.</summary>
    public const string StatsSocket = "/run/haproxy/admin.sock";

    /// <summary>Where apply saves <c>show servers state</c> before a reload, for the new worker to start from.</summary>
    public const string ServerStateFile = "/var/lib/haproxy/server-state";

    /// <summary>How long an old worker keeps its sessions after a reload: a report or a batch job finishes, pools recycle.</summary>
    public const string HardStopAfter = "15m";

    private const string CutSessions = " on-marked-down shutdown-sessions";

    /// <summary>A backend named by host name: resolved through <see cref="Resolvers"/>, starting disabled when DNS is down.</summary>
    private const string ResolveByName = " resolvers " + Resolvers + " resolve-prefer ipv4 init-addr last,libc,none";

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
            .Line("    # Fail closed: down after 2 failed checks 2s apart; each server line says that its open sessions are cut then.")
            .Line("    default-server inter 2s fall 2 rise 2");

        if (listens.Any(l => ServersOf(model, l.Endpoint).Any(s => !Ipv4.TryParse(s.Host, out _))))
        {
            text.Line()
                .Line("resolvers " + Resolvers)
                .Line("    parse-resolv-conf")
                .Line("    resolve_retries 3")
                .Line("    timeout resolve 1s")
                .Line("    timeout retry 1s")
                .Line("    hold valid 10s");
        }

        foreach (var listen in listens)
        {
            if (model.ClusterOf(listen.Endpoint) is { } cluster)
            {
                WriteClusterListen(text, listen, cluster);
            }
            else
            {
                WriteListen(text, listen);
            }
        }

        return text.ToString();
    }

    /// <summary>The section name, <c>erp-1433</c>: unique per host because a name has one VIP (LEF0005) and VIP:port is unique (LEF0003).</summary>
    public static string ListenName(EndpointDeclaration endpoint) =>
        endpoint.Name!.ToLowerInvariant() + "-" + endpoint.Port!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The host's listens by section name, each with the endpoint's name as DNS has it (lower case).</summary>
    private static List<Listen> Listens(TopologyModel model, System.Func<PoolDeclaration, bool> owns) =>
        model.Endpoints
            .Select(e => new Listen(e, model.VipOf(e)!, ListenName(e), e.Name!.ToLowerInvariant()))
            .Where(l => owns(model.PoolOf(l.Vip)!))
            .OrderBy(l => l.Section, System.StringComparer.Ordinal)
            .ToList();

    private static void WriteListen(Text text, Listen listen)
    {
        var (endpoint, vip, section, name) = listen;
        var port = endpoint.Port!.Value;
        text.Line()
            .Line($"# {name}.db.lef:{port} ({endpoint.Field}, {endpoint.Engine})")
            .Line($"listen {section}")
            .Line($"    bind {vip.Address}:{port}");
        WriteEngineCheck(text, endpoint.Engine);
        WriteServer(text, name, endpoint.BackendHost!, endpoint.BackendPort!.Value, checkPort: null, cutSessions: true);
    }

    /// <summary>
    /// A listen on a cluster: every node, each with its own check, and traffic only to those whose check says they hold the
    /// endpoint's role. No <c>backup</c>: a write endpoint has one primary or none, and fails closed without one.
    /// </summary>
    private static void WriteClusterListen(Text text, Listen listen, ClusterDeclaration cluster)
    {
        var (endpoint, vip, section, name) = listen;
        var port = endpoint.Port!.Value;
        var role = endpoint.Role ?? ClusterRole.Primary;
        text.Line()
            .Line($"# {name}.db.lef:{port} ({endpoint.Field}, {cluster.Engine} cluster {cluster.Name} ({cluster.Field}), {RoleWords(role)})")
            .Line($"listen {section}")
            .Line($"    bind {vip.Address}:{port}");

        // The primary is one node: "first" sends everything to the first that passes, so a moment with two (a split brain
        // Patroni's leader lock prevents) still writes to one. Reads spread to the replica with the fewest sessions.
        text.Line(role == ClusterRole.Primary ? "    balance first" : "    balance leastconn");
        switch (cluster.Check)
        {
            case RoleCheck.PatroniRest:
                text.Line("    option httpchk OPTIONS " + PatroniPath(role, endpoint.MaxLagBytes))
                    .Line("    http-check expect status 200");
                break;
            case RoleCheck.GaleraClustercheck:
                // clustercheck answers every path: 200 while the node is Synced (wsrep_local_state 4), 503 otherwise.
                text.Line("    option httpchk OPTIONS /")
                    .Line("    http-check expect status 200");
                break;
            case RoleCheck.RedisReplication when role != ClusterRole.Any:
                text.Line("    option tcp-check")
                    .Line("    tcp-check connect")
                    .Line("    tcp-check send PING\\r\\n")
                    .Line("    tcp-check expect string +PONG")
                    .Line("    tcp-check send info\\ replication\\r\\n")
                    .Line("    tcp-check expect string " + RedisRole(role))
                    .Line("    tcp-check send QUIT\\r\\n")
                    .Line("    tcp-check expect string +OK");
                break;
            default:
                WriteEngineCheck(text, cluster.Engine);
                break;
        }

        if (cluster.ChecksRole)
        {
            text.Line("    # " + RoleCheckDefaults.WhyDown)
                .Line("    # " + RoleCheckDefaults.WhyUp)
                .Line("    default-server " + RoleCheckDefaults.Settings);
        }

        var cut = cluster.OnMarkedDown != OnMarkedDown.KeepSessions;
        var nodes = cluster.Nodes!;
        for (var i = 0; i < nodes.Count; i++)
        {
            WriteServer(text, ServerName(cluster, i), nodes[i].Host!, nodes[i].Port!.Value, cluster.ChecksOverHttp ? nodes[i].CheckPort : null, cut);
        }
    }

    /// <summary>What Redis's <c>INFO replication</c> says on a node with the role: <c>role:master</c>, or <c>role:slave</c> on a replica.</summary>
    public static string RedisRole(ClusterRole role) => role == ClusterRole.Primary ? "role:master" : "role:slave";

    /// <summary>How the facts table names a cluster's role check for an endpoint: the path or answer that marks a node with the role.</summary>
    public static string RoleCheckText(ClusterDeclaration cluster, ClusterRole role, int? maxLagBytes) => cluster.Check switch
    {
        RoleCheck.PatroniRest => "role check " + PatroniPath(role, maxLagBytes),
        RoleCheck.GaleraClustercheck => "clustercheck: Synced",
        RoleCheck.RedisReplication when role != ClusterRole.Any => "INFO replication: " + RedisRole(role),
        _ => "engine check",
    };

    /// <summary>HAProxy's name for a node, <c>orders-1</c>: its cluster's name and its place in the list, stable while the list is.</summary>
    public static string ServerName(ClusterDeclaration cluster, int index) =>
        cluster.Name!.ToLowerInvariant() + "-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The path of Patroni's REST API that answers 200 only on a node with the role (its docs, "Health check endpoints").</summary>
    public static string PatroniPath(ClusterRole role, int? maxLagBytes) => role switch
    {
        ClusterRole.Primary => "/primary",
        ClusterRole.Replica => maxLagBytes is > 0 ? "/replica?lag=" + maxLagBytes.Value.ToString(CultureInfo.InvariantCulture) : "/replica",
        _ => "/read-only",
    };

    private static string RoleWords(ClusterRole role) => role switch
    {
        ClusterRole.Primary => "the primary only",
        ClusterRole.Replica => "replicas only",
        _ => "any node that serves",
    };

    /// <summary>The servers a listen forwards to: its one backend, or its cluster's nodes.</summary>
    private static IEnumerable<(string? Host, int? Port)> ServersOf(TopologyModel model, EndpointDeclaration endpoint) =>
        model.ClusterOf(endpoint) is { Nodes: { } nodes } ? nodes.Select(n => (n.Host, n.Port)) : [(endpoint.BackendHost, endpoint.BackendPort)];

    private static void WriteEngineCheck(Text text, Engine? engine)
    {
        switch (engine)
        {
            case Engine.PostgreSql:
                text.Line(PostgreSqlCheckLine(PostgreSqlCheckUser));
                break;
            case Engine.MySql:
                text.Line("    option mysql-check user " + MySqlCheckUser);
                break;
            case Engine.Redis:
                text.Line("    option redis-check");
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
    }

    private static void WriteServer(Text text, string name, string host, int port, int? checkPort, bool cutSessions) =>
        text.Line($"    server {name} {host}:{port} check{(checkPort is null ? null : " port ")}{checkPort}{(cutSessions ? CutSessions : null)}{(Ipv4.TryParse(host, out _) ? null : ResolveByName)}");

    /// <summary>One listen section: its endpoint and VIP, its <see cref="ListenName"/>, and the endpoint's name in lower case.</summary>
    private sealed record Listen(EndpointDeclaration Endpoint, VipDeclaration Vip, string Section, string Name);
}

/// <summary>
/// The check timing of a listen on a role-checked cluster, and why. Patroni's reference configuration uses
/// <c>inter 3s fall 3 rise 2</c>; these are the fastest values that stay safe.
/// </summary>
internal static class RoleCheckDefaults
{
    public const string Settings = "inter 1s fall 2 rise 2";

    public const string WhyDown = "Role checks 1s apart (the role APIs answer from memory): a node that lost the role is down, its sessions cut, after 2 failed checks, so one lost answer cuts nothing;";

    public const string WhyUp = "a node takes traffic after 2 good ones, so one seen with the role once (mid-election, mid-sync) does not. Patroni's reference: inter 3s fall 3 rise 2.";
}
