using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Turns haproxy.cfg sections into TCP routes: each <c>listen</c>, and each <c>frontend</c> joined to its
/// <c>default_backend</c> (or unconditional <c>use_backend</c>). Every line is either mapped, noted as a setting Lef.Infra
/// writes its own way, or reported as not imported: nothing is dropped unseen.
/// </summary>
internal sealed class HaproxyListenReader
{
    /// <summary>Settings the emitter writes its own way (timeouts, logging, balancing with one server): noted, nothing to decide.</summary>
    private static readonly HashSet<string> StandardKeywords = new(StringComparer.Ordinal)
    {
        "balance", "timeout", "maxconn", "log", "log-format", "log-tag", "retries", "hash-type", "hash-balance-factor",
        "fullconn", "description", "id", "backlog", "default-server", "rate-limit", "grace", "retry-on", "unique-id-format",
        "enabled", "option", "no",
    };

    private static readonly HashSet<string> StandardOptions = new(StringComparer.Ordinal)
    {
        "tcplog", "httplog", "dontlognull", "tcpka", "clitcpka", "srvtcpka", "redispatch", "log-health-checks", "abortonclose",
        "splice-auto", "splice-request", "splice-response", "logasap", "log-separate-errors", "socket-stats",
        "independent-streams", "nolinger", "contstats", "tcp-smart-accept", "tcp-smart-connect", "allbackups", "persist",
        "prefer-last-server", "dontlog-normal",
    };

    /// <summary>Health checks Lef.Infra does not emit; the engine's check replaces them.</summary>
    private static readonly HashSet<string> OtherCheckOptions = new(StringComparer.Ordinal)
    {
        "httpchk", "ldap-check", "smtpchk", "ssl-hello-chk", "external-check",
    };

    private static readonly HashSet<string> RequestRules = new(StringComparer.Ordinal)
    {
        "acl", "tcp-request", "tcp-response", "http-request", "http-response", "http-after-response", "redirect",
        "stick", "stick-table", "stick-on", "stick-store-request", "stick-store-response", "stick-match",
        "force-persist", "ignore-persist", "use-server",
    };

    /// <summary>Server settings that change what goes over the wire; dropping them would change behaviour.</summary>
    private static readonly HashSet<string> WireServerSettings = new(StringComparer.Ordinal)
    {
        "ssl", "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn", "source", "usesrc", "sni", "socks4",
        "redir", "proto", "namespace", "alpn",
    };

    /// <summary>Server settings that point the health check at another port, address or agent than the traffic.</summary>
    private static readonly HashSet<string> CheckTargetSettings = new(StringComparer.Ordinal)
    {
        "port", "addr", "agent-check", "agent-port", "agent-addr", "agent-send", "check-ssl", "check-send-proxy", "check-sni", "check-alpn", "check-proto",
    };

    /// <summary>Server settings that only time the health check, each with one value.</summary>
    private static readonly HashSet<string> CheckTimingSettings = new(StringComparer.Ordinal) { "inter", "fastinter", "downinter", "rise", "fall" };

    /// <summary>Server settings the emitter writes itself, each with one value.</summary>
    private static readonly HashSet<string> EmittedServerSettings = new(StringComparer.Ordinal) { "resolvers", "resolve-prefer", "init-addr" };

    private readonly string proxyHost;
    private readonly List<ImportFinding> findings = [];
    private readonly Dictionary<HaproxySection, SectionFacts> factsBySection = [];

    private HaproxyListenReader(string proxyHost) => this.proxyHost = proxyHost;

    public static (IReadOnlyList<HaproxyListen> Listens, IReadOnlyList<ImportFinding> Findings) Read(string proxyHost, IReadOnlyList<HaproxySection> sections)
    {
        var reader = new HaproxyListenReader(proxyHost);
        var listens = reader.ReadAll(sections);
        return (listens, reader.findings);
    }

    private List<HaproxyListen> ReadAll(IReadOnlyList<HaproxySection> sections)
    {
        var backends = new Dictionary<string, HaproxySection>(StringComparer.Ordinal);
        foreach (var backend in sections.Where(s => s.Keyword == "backend"))
        {
            if (!backends.TryAdd(backend.Name, backend))
            {
                findings.Add(ImportFinding.Warning(backend.Site, "a second backend named `" + backend.Name + "`; HAProxy refuses duplicate names"));
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var listens = new List<HaproxyListen>();
        foreach (var section in sections)
        {
            switch (section.Keyword)
            {
                case "listen" or "frontend":
                    if (Route(section, backends, used) is { } listen)
                    {
                        listens.Add(listen);
                    }

                    break;
                case "backend":
                    break;
                case "global":
                    findings.Add(ImportFinding.Note(section.Site, "global: not carried over; Lef.Infra writes its own global section"));
                    break;
                case "defaults":
                    findings.Add(ImportFinding.Note(section.Site, section.Describe() + ": only `mode` is read (" + section.Mode
                        + "); Lef.Infra writes its own defaults (timeouts, logging, check interval)"));
                    break;
                default:
                    findings.Add(ImportFinding.Note(section.Site, section.Describe() + ": not carried over; Lef.Infra writes the sections it needs (resolvers "
                        + HaproxyConfigWriter.Resolvers + " for hostname backends)"));
                    break;
            }
        }

        foreach (var backend in backends.Values.Where(b => !used.Contains(b.Name)))
        {
            findings.Add(ImportFinding.Note(backend.Site, "backend " + backend.Name + " is used by no frontend: nothing to import"));
        }

        return listens;
    }

    private HaproxyListen? Route(HaproxySection section, Dictionary<string, HaproxySection> backends, HashSet<string> used)
    {
        var facts = Facts(section);
        if (facts.Target is { } target)
        {
            used.Add(target);
        }

        if (!IsTcp(section))
        {
            return null;
        }

        if (facts.DisabledSite is { } disabledAt)
        {
            findings.Add(ImportFinding.Warning(disabledAt, section.Describe() + " is disabled in the live config: not imported, so that it is not emitted enabled"));
            return null;
        }

        var serverFacts = facts;
        var description = section.Describe();
        var comments = new List<string>(section.Comments);
        var todos = new List<ImportFinding>(facts.Todos);
        if (facts.Target is { } name)
        {
            if (!backends.TryGetValue(name, out var backend))
            {
                Report(todos, facts.TargetSite!, section.Describe() + " sends to backend `" + name + "`, which is not declared");
                return null;
            }

            if (!IsTcp(backend))
            {
                return null;
            }

            serverFacts = Facts(backend);
            if (serverFacts.DisabledSite is { } backendDisabledAt)
            {
                findings.Add(ImportFinding.Warning(backendDisabledAt, section.Describe() + " sends to backend " + backend.Name + ", which is disabled in the live config: not imported, so that it is not emitted enabled"));
                return null;
            }

            description += " -> backend " + backend.Name;
            comments.AddRange(backend.Comments);
            todos.AddRange(serverFacts.Todos);
            if (section.Keyword == "listen" && facts.Servers.Count > 0)
            {
                Report(todos, facts.Servers[0].Site, section.Describe() + " has its own servers but sends to backend " + name + "; its servers are not imported");
            }
        }
        else if (section.Keyword == "frontend")
        {
            Report(todos, section.Site, section.Describe() + " has no default_backend: nothing to forward to");
            return null;
        }

        if (facts.Binds.Count == 0)
        {
            if (!facts.HadBind)
            {
                Report(todos, section.Site, section.Describe() + " binds no address");
            }

            return null;
        }

        if (serverFacts.Servers.Count == 0)
        {
            Report(todos, section.Site, description + (serverFacts.SkippedServers.Count == 0
                ? " has no server to forward to"
                : " has no server the import can take (" + string.Join("; ", serverFacts.SkippedServers) + ")"));
            return null;
        }

        if (serverFacts.RoleCheck is { } roleCheck)
        {
            return new HaproxyListen(
                proxyHost, description, section.Name, section.Site, facts.Binds, serverFacts.Servers[0], serverFacts.Check, section.EndpointField, comments, todos)
            {
                Servers = serverFacts.Servers,
                RoleCheck = roleCheck,
            };
        }

        for (var i = 1; i < serverFacts.Servers.Count; i++)
        {
            var extra = serverFacts.Servers[i];
            Report(todos, extra.Site, "server " + extra.Name + " in " + description + ": an endpoint has one backend; " + serverFacts.Servers[0].Name
                + " is imported, this one is not");
        }

        return new HaproxyListen(
            proxyHost, description, section.Name, section.Site, facts.Binds, serverFacts.Servers[0], serverFacts.Check, section.EndpointField, comments, todos);
    }

    private bool IsTcp(HaproxySection section)
    {
        if (string.Equals(section.Mode, "tcp", StringComparison.Ordinal))
        {
            return true;
        }

        var facts = Facts(section);
        if (!facts.ModeReported)
        {
            facts.ModeReported = true;
            findings.Add(ImportFinding.Warning(section.Site, section.Describe() + ": mode " + section.Mode + "; Lef.Infra manages TCP endpoints only: not imported"));
        }

        return false;
    }

    private void Report(List<ImportFinding> todos, ConfigSite site, string message)
    {
        var finding = ImportFinding.Warning(site, message);
        todos.Add(finding);
        findings.Add(finding);
    }

    private SectionFacts Facts(HaproxySection section)
    {
        if (factsBySection.TryGetValue(section, out var known))
        {
            return known;
        }

        var facts = new SectionFacts();
        factsBySection.Add(section, facts);
        if (section.Mode != "tcp")
        {
            return facts; // Reported once as a whole; its lines are not worth listing.
        }

        if (section.HeaderBinds.Count > 0)
        {
            AddBinds(facts, section.Site, section.HeaderBinds, []);
        }

        // A check set in defaults applies unless the section sets its own; so does a `disabled` there.
        var (checkOption, tdsPrelogin) = section.Defaults is { } defaults ? InheritedCheck(defaults) : (string.Empty, false);
        var ownCheck = false;
        var inheritedDisabled = section.Defaults?.Directives.LastOrDefault(d => d.Keyword is "disabled" or "enabled");
        facts.DisabledSite = inheritedDisabled is { Keyword: "disabled" } ? inheritedDisabled.Site : null;
        HaproxyDirective? replacedCheck = null;
        foreach (var directive in section.Directives)
        {
            var words = directive.Words;
            switch (directive.Keyword)
            {
                case "mode":
                    break;
                case "bind" when section.Keyword != "backend" && words.Count > 1:
                    AddBinds(facts, directive.Site, words[1].Split(','), words.Skip(2).ToList());
                    break;
                case "server" when section.Keyword != "frontend":
                    AddServer(facts, directive);
                    break;
                case "default_backend" when section.Keyword != "backend" && words.Count > 1:
                    facts.Target ??= words[1];
                    facts.TargetSite ??= directive.Site;
                    break;
                case "use_backend" when section.Keyword != "backend" && words.Count > 1:
                    if (words.Count == 2)
                    {
                        // An unconditional use_backend is evaluated before default_backend: it is the route.
                        if (facts.UnconditionalTarget is null)
                        {
                            facts.UnconditionalTarget = words[1];
                            facts.Target = words[1];
                            facts.TargetSite = directive.Site;
                        }
                    }
                    else
                    {
                        Todo(facts, directive, "`" + directive.Text + "` routes some connections elsewhere; an endpoint has one route: not imported");
                    }

                    break;
                case "option" when words.Count > 1 && words[1] == "pgsql-check":
                    (checkOption, tdsPrelogin, ownCheck) = ("pgsql", ownCheck && tdsPrelogin, true);
                    if (words is [_, _, "user", var user, ..] && user != HaproxyConfigWriter.PostgreSqlCheckUser)
                    {
                        Note(directive, "`" + directive.Text + "`: Lef.Infra's check logs in as " + HaproxyConfigWriter.PostgreSqlCheckUser + "; that role must exist on the backend");
                    }

                    break;
                case "option" when words.Count > 1 && words[1] == "tcp-check":
                    (checkOption, tdsPrelogin, ownCheck) = ("tcp", ownCheck && tdsPrelogin, true);
                    break;
                case "option" when words.Count > 1 && words[1] is "mysql-check" or "redis-check":
                    (checkOption, tdsPrelogin, ownCheck) = (words[1] == "mysql-check" ? "mysql" : "redis", false, true);
                    if (words is [_, "mysql-check", "user", var mysqlUser, ..] && mysqlUser != HaproxyConfigWriter.MySqlCheckUser)
                    {
                        Note(directive, "`" + directive.Text + "`: Lef.Infra's check logs in as " + HaproxyConfigWriter.MySqlCheckUser + "; that user must exist on the server");
                    }

                    break;
                case "option" when words.Count > 1 && words[1] == "httpchk":
                    // Patroni's role check, when it is one: decided once every line of the section is read.
                    (checkOption, tdsPrelogin, ownCheck) = (words[1], false, true);
                    facts.HttpCheck = directive;
                    break;
                case "option" when words.Count > 1 && OtherCheckOptions.Contains(words[1]):
                    (checkOption, tdsPrelogin, ownCheck) = (words[1], false, true);
                    ReplacedCheck(facts, directive, ref replacedCheck);
                    break;
                case "tcp-check":
                    if (words is [_, "send-binary", var hex, ..] && IsTdsPrelogin(hex))
                    {
                        tdsPrelogin = true;
                        ownCheck = true;
                    }
                    else if (!(words is [_, "connect"] || (words is [_, "expect", "rbinary", var pattern] && pattern.StartsWith("^04", StringComparison.Ordinal))))
                    {
                        // Redis's role check, when it is one: decided once every line is read.
                        facts.TcpCheckLines.Add(directive);
                    }

                    break;
                case "http-check":
                    facts.HttpCheckLines.Add(directive);
                    break;
                case "external-check":
                    ReplacedCheck(facts, directive, ref replacedCheck);
                    break;
                case "disabled":
                    facts.DisabledSite = directive.Site;
                    break;
                case "enabled":
                    facts.DisabledSite = null;
                    break;
                case "default-server":
                    DefaultServer(facts, directive);
                    break;
                case "server-template":
                    Todo(facts, directive, "`" + directive.Text + "`: server templates cannot be expressed; an endpoint has one named backend: not imported");
                    break;
                case var keyword when RequestRules.Contains(keyword):
                    Todo(facts, directive, "`" + directive.Text + "`: ACLs and connection rules cannot be expressed in the DSL; without it the endpoint accepts every client");
                    break;
                case var keyword when IsStandard(keyword, words):
                    Note(directive, "`" + directive.Text + "`: not carried over; Lef.Infra writes its own");
                    break;
                default:
                    Todo(facts, directive, "`" + directive.Text + "` cannot be expressed in the DSL: not imported");
                    break;
            }
        }

        if (!MapRoleCheck(facts))
        {
            if (facts.HttpCheck is { } httpCheck)
            {
                ReplacedCheck(facts, httpCheck, ref replacedCheck);
            }

            foreach (var line in facts.HttpCheckLines.Concat(facts.TcpCheckLines).OrderBy(l => l.Site.Line))
            {
                ReplacedCheck(facts, line, ref replacedCheck);
            }

            foreach (var (site, message) in facts.PendingCheckTargets)
            {
                Todo(facts, site, message);
            }
        }

        foreach (var (site, message, skipped) in facts.PendingBackups)
        {
            Todo(facts, site, message);
            facts.SkippedServers.Add(skipped);
        }

        if (!ownCheck && section.Defaults is { } inheritedFrom && OtherCheckOptions.Contains(checkOption))
        {
            Todo(facts, section.Site, section.Describe() + " inherits `option " + checkOption + "` from " + inheritedFrom.Describe() + ": " + ReplacedCheckConsequence);
        }

        facts.Check = checkOption switch
        {
            "pgsql" => HealthCheck.PostgreSql,
            "mysql" => HealthCheck.MySql,
            "redis" => HealthCheck.Redis,
            "tcp" or "" when tdsPrelogin => HealthCheck.TdsPrelogin,
            _ => HealthCheck.Other,
        };

        return facts;
    }

    private const string CheckTargetConsequence =
        " points every server's health check elsewhere than the traffic (Patroni's REST port, an agent); Lef.Infra checks the backend's own port: decide before deploying";

    /// <summary><c>default-server</c>: a check port and <c>on-marked-down shutdown-sessions</c> are read (they make a role check); the rest is Lef.Infra's own.</summary>
    private void DefaultServer(SectionFacts facts, HaproxyDirective directive)
    {
        var words = directive.Words;
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] == "port" && i + 1 < words.Count && IsNumber(words[i + 1]))
            {
                facts.DefaultCheckPort = int.Parse(words[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                facts.PendingCheckTargets.Add((directive.Site, "`" + directive.Text + "`: `port`" + CheckTargetConsequence));
            }
            else if (words[i] == "on-marked-down" && i + 1 < words.Count && words[i + 1] == "shutdown-sessions")
            {
                facts.DefaultShutdownSessions = true;
                i++;
            }
            else if (CheckTargetSettings.Contains(words[i]))
            {
                Todo(facts, directive, "`" + directive.Text + "`: `" + words[i] + "`" + CheckTargetConsequence);
                return;
            }
        }

        Note(directive, "`" + directive.Text + "`: not carried over; Lef.Infra writes its own check timing");
    }

    /// <summary>
    /// Whether the section's check is Patroni's role check: <c>option httpchk</c> on a role path, only <c>http-check expect
    /// status 200</c> beside it, and a check port for every server. Then its servers are a cluster's nodes, not one backend.
    /// </summary>
    private bool MapRoleCheck(SectionFacts facts)
    {
        if (facts.Servers.Count == 0)
        {
            return false;
        }

        if (facts.HttpCheck is null && facts.HttpCheckLines.Count == 0 && RedisRoleOf(facts.TcpCheckLines) is { } redisRole)
        {
            facts.RoleCheck = new RoleCheckFacts(redisRole, null, facts.TcpCheckLines[0].Site, Dsl.RoleCheck.RedisReplication);
            WithCheckPorts(facts);

            Note(facts.TcpCheckLines[0], "`" + facts.TcpCheckLines[0].Text + "`: Redis's role check (INFO replication), mapped to a Cluster (RoleCheck.RedisReplication) routing to "
                + (redisRole == Dsl.ClusterRole.Primary ? "the master" : "replicas"));
            NoteKeptSessions(facts, facts.TcpCheckLines[0]);
            return true;
        }

        if (facts.HttpCheck is not { } check || facts.TcpCheckLines.Count > 0
            || !facts.HttpCheckLines.All(l => l.Words is ["http-check", "expect", "status", "200"])
            || facts.Servers.Concat(facts.BackupServers).Any(s => (s.CheckPort ?? facts.DefaultCheckPort) is null))
        {
            return false;
        }

        // Galera: MySQL servers whose check goes to clustercheck's port; any path (clustercheck answers them all).
        if (facts.Servers.Concat(facts.BackupServers).All(s => (s.Port ?? facts.Binds.FirstOrDefault()?.Port) == Dsl.Ports.MySql))
        {
            // Backups are the later nodes of one writer: balance first sends writes to the first synced node, as the live config does.
            var galeraRole = facts.BackupServers.Count > 0 ? Dsl.ClusterRole.Primary : Dsl.ClusterRole.Any;
            facts.Servers.AddRange(facts.BackupServers);
            facts.PendingBackups.Clear();
            WithCheckPorts(facts);
            facts.RoleCheck = new RoleCheckFacts(galeraRole, null, check.Site, Dsl.RoleCheck.GaleraClustercheck);
            Note(check, "`" + check.Text + "`: Galera's clustercheck, mapped to a Cluster (RoleCheck.GaleraClustercheck) with every server as a node, routing to "
                + (galeraRole == Dsl.ClusterRole.Primary ? "one writer (the backups are the later nodes)" : "any synced node"));
            NoteKeptSessions(facts, check);
            return true;
        }

        if (PatroniRoleOf(check.Words) is not { } role)
        {
            return false;
        }

        WithCheckPorts(facts);
        facts.RoleCheck = new RoleCheckFacts(role.Role, role.MaxLagBytes, check.Site);
        Note(check, "`" + check.Text + "`: Patroni's role check, mapped to a Cluster (RoleCheck.PatroniRest) with every server as a node, routing to "
            + role.Role switch { Dsl.ClusterRole.Primary => "the primary", Dsl.ClusterRole.Replica => "replicas", _ => "any node that serves" });
        NoteKeptSessions(facts, check);
        return true;
    }

    private static void WithCheckPorts(SectionFacts facts)
    {
        for (var i = 0; i < facts.Servers.Count; i++)
        {
            var server = facts.Servers[i];
            facts.Servers[i] = server with { CheckPort = server.CheckPort ?? facts.DefaultCheckPort, ShutdownSessions = server.ShutdownSessions || facts.DefaultShutdownSessions };
        }
    }

    private void NoteKeptSessions(SectionFacts facts, HaproxyDirective check)
    {
        if (facts.Servers.Any(s => !s.ShutdownSessions))
        {
            Note(check, "a server of this role check has no `on-marked-down shutdown-sessions`: imported as OnMarkedDown.KeepSessions, which LEF0026 reports");
        }
    }

    /// <summary>
    /// The role a Redis <c>tcp-check</c> sequence checks: PING/+PONG, <c>info replication</c>, <c>expect string role:master</c>
    /// (or <c>role:slave</c>), QUIT/+OK, and nothing else (an AUTH line carries a password the DSL does not hold); null otherwise.
    /// </summary>
    internal static Dsl.ClusterRole? RedisRoleOf(IReadOnlyList<HaproxyDirective> lines)
    {
        Dsl.ClusterRole? role = null;
        var asksReplication = false;
        foreach (var words in lines.Select(l => l.Words))
        {
            var rest = string.Join(" ", words.Skip(2)).Replace("\\r\\n", string.Empty, StringComparison.Ordinal).Replace("\r\n", string.Empty, StringComparison.Ordinal)
                .Replace("\\ ", " ", StringComparison.Ordinal).Trim();
            switch (words.Count > 1 ? words[1] : string.Empty)
            {
                case "send" when rest.Equals("PING", StringComparison.OrdinalIgnoreCase) || rest.Equals("QUIT", StringComparison.OrdinalIgnoreCase):
                    break;
                case "send" when rest.Equals("info replication", StringComparison.OrdinalIgnoreCase):
                    asksReplication = true;
                    break;
                case "expect" when words is [_, _, "string", "+PONG" or "+OK"]:
                    break;
                case "expect" when words is [_, _, "string", "role:master"]:
                    role = Dsl.ClusterRole.Primary;
                    break;
                case "expect" when words is [_, _, "string", "role:slave"]:
                    role = Dsl.ClusterRole.Replica;
                    break;
                default:
                    return null;
            }
        }

        return asksReplication ? role : null;
    }

    /// <summary>
    /// The role a Patroni REST path checks (its docs, "Health check endpoints"), from <c>option httpchk [method] [uri]</c>;
    /// null for any other path or query, which stays a check Lef.Infra does not emit.
    /// </summary>
    internal static (Dsl.ClusterRole Role, int? MaxLagBytes)? PatroniRoleOf(IReadOnlyList<string> words)
    {
        var uri = words.Count switch
        {
            2 => "/",
            3 => words[2],
            _ when words[2] is "OPTIONS" or "GET" or "HEAD" => words[3],
            _ => null,
        };
        if (uri is null || !uri.StartsWith('/'))
        {
            return null;
        }

        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? uri : uri[..query];
        int? lag = null;
        if (query >= 0)
        {
            var parameter = uri[(query + 1)..];
            if (!parameter.StartsWith("lag=", StringComparison.Ordinal) || path is not "/replica" || Bytes(parameter["lag=".Length..]) is not { } bytes)
            {
                return null;
            }

            lag = bytes;
        }

        return path switch
        {
            "/" or "/primary" or "/master" or "/read-write" => (Dsl.ClusterRole.Primary, null),
            "/replica" => (Dsl.ClusterRole.Replica, lag),
            "/read-only" => (Dsl.ClusterRole.Any, null),
            _ => null,
        };
    }

    /// <summary>Patroni's lag bound: bytes, or a number with kB, MB or GB (1024-based, as PostgreSQL's units); null when it does not fit an int.</summary>
    private static int? Bytes(string text)
    {
        var (digits, unit) = text.EndsWith("kB", StringComparison.Ordinal) ? (text[..^2], 1024L)
            : text.EndsWith("MB", StringComparison.Ordinal) ? (text[..^2], 1024L * 1024)
            : text.EndsWith("GB", StringComparison.Ordinal) ? (text[..^2], 1024L * 1024 * 1024)
            : (text, 1L);
        return IsNumber(digits) && long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * unit is var bytes and > 0 and <= int.MaxValue ? (int)bytes : null;
    }

    private const string ReplacedCheckConsequence =
        "a health check that decides which servers take traffic (a primary, a master); Lef.Infra replaces it with the engine's check "
        + "(a TCP connect, pgsql-check or a TDS PRELOGIN), which a replica passes as well: decide before deploying";

    /// <summary>The first line of a check Lef.Infra does not emit is a warning; its other lines are notes on it.</summary>
    private void ReplacedCheck(SectionFacts facts, HaproxyDirective directive, ref HaproxyDirective? first)
    {
        if (first is null)
        {
            first = directive;
            Todo(facts, directive, "`" + directive.Text + "`: " + ReplacedCheckConsequence);
        }
        else
        {
            Note(directive, "`" + directive.Text + "`: part of the health check at line " + first.Site.Line.ToString(CultureInfo.InvariantCulture) + ", replaced with it");
        }
    }

    /// <summary>The health check a defaults section sets: its last check option, and whether it sends a TDS PRELOGIN.</summary>
    private static (string Option, bool TdsPrelogin) InheritedCheck(HaproxySection defaults)
    {
        var option = string.Empty;
        var tds = false;
        foreach (var words in defaults.Directives.Select(d => d.Words))
        {
            if (words is ["option", var name, ..] && (name is "pgsql-check" or "tcp-check" || OtherCheckOptions.Contains(name)))
            {
                option = name == "pgsql-check" ? "pgsql" : name == "tcp-check" ? "tcp" : name;
            }
            else if (words is ["tcp-check", "send-binary", var hex, ..] && IsTdsPrelogin(hex))
            {
                tds = true;
            }
        }

        return (option, tds);
    }

    private static bool IsStandard(string keyword, IReadOnlyList<string> words)
    {
        if (!StandardKeywords.Contains(keyword))
        {
            return false;
        }

        return keyword switch
        {
            "option" => words.Count > 1 && StandardOptions.Contains(words[1]),
            "no" => words.Count > 2 && words[1] == "option" && (StandardOptions.Contains(words[2]) || OtherCheckOptions.Contains(words[2])),
            _ => true,
        };
    }

    /// <summary>A TDS packet of type 0x12 (PRELOGIN), as hex.</summary>
    private static bool IsTdsPrelogin(string hex) => hex.StartsWith("12", StringComparison.Ordinal) && hex.Length >= 16 && hex.All(Uri.IsHexDigit);

    private void AddBinds(SectionFacts facts, ConfigSite site, IEnumerable<string> addresses, IReadOnlyList<string> options)
    {
        facts.HadBind = true;
        var added = false;
        foreach (var address in addresses)
        {
            if (ParseBind(address) is { } error)
            {
                Todo(facts, site, "bind `" + address + "`: " + error);
                continue;
            }

            var (host, port) = SplitBind(address);
            facts.Binds.Add(new HaproxyBind(host, port, site));
            added = true;
        }

        if (!added || options.Count == 0)
        {
            return;
        }

        var text = string.Join(" ", options);
        if (options.Any(o => o is "ssl" or "crt" or "crt-list"))
        {
            Todo(facts, site, "bind options `" + text + "`: TLS termination cannot be expressed; the endpoint forwards raw TCP");
        }
        else
        {
            findings.Add(ImportFinding.Note(site, "bind options `" + text + "`: not carried over"));
        }
    }

    /// <summary>Null when <paramref name="address"/> is an IPv4 address and one numeric port; otherwise why it is not a VIP:port.</summary>
    private static string? ParseBind(string address)
    {
        var text = StripIpv4Prefix(address);
        if (text.Contains('@', StringComparison.Ordinal) || text.StartsWith('/') || text.StartsWith('['))
        {
            return "not an IPv4 address:port (sockets and IPv6 are not endpoints)";
        }

        if (text.Contains('$', StringComparison.Ordinal))
        {
            return "uses an environment variable the import cannot resolve";
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return "has no port";
        }

        var host = text[..colon];
        var port = text[(colon + 1)..];
        if (host.Contains(':', StringComparison.Ordinal))
        {
            return "IPv6 is not supported";
        }

        if (host is "" or "*" or "0.0.0.0")
        {
            return "listens on every address, not on a VIP";
        }

        if (port.Contains('-', StringComparison.Ordinal))
        {
            return "a port range; an endpoint has one port";
        }

        return IsNumber(port) ? null : "port `" + port + "` is not a number";
    }

    private static (string Host, int Port) SplitBind(string address)
    {
        var text = StripIpv4Prefix(address);
        var colon = text.LastIndexOf(':');
        return (text[..colon], int.Parse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static string StripIpv4Prefix(string address) =>
        address.StartsWith("ipv4@", StringComparison.Ordinal) ? address["ipv4@".Length..] : address;

    /// <summary>Digits that fit an int: out-of-range ports are kept for the analyzer to report (LEF0007).</summary>
    private static bool IsNumber(string text) =>
        text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit);

    private void AddServer(SectionFacts facts, HaproxyDirective directive)
    {
        var words = directive.Words;
        if (words.Count < 3)
        {
            Todo(facts, directive, "`" + directive.Text + "` has no address");
            return;
        }

        var name = words[1];
        var address = StripIpv4Prefix(words[2]);
        string host;
        int? port = null;
        var colon = address.LastIndexOf(':');
        if (address.Contains('$', StringComparison.Ordinal))
        {
            Todo(facts, directive, "server " + name + " `" + words[2] + "` uses an environment variable the import cannot resolve "
                + "(HAProxy expands it only in double quotes; give its value with --haproxy-env NAME=VALUE): not imported");
            facts.SkippedServers.Add(name + " uses an environment variable");
            return;
        }

        if (address.Contains('@', StringComparison.Ordinal) || address.StartsWith('[') || address.StartsWith('/')
            || (colon >= 0 && address[..colon].Contains(':', StringComparison.Ordinal)))
        {
            Todo(facts, directive, "server " + name + " `" + words[2] + "`: not a host name or IPv4 address the DSL can hold");
            facts.SkippedServers.Add(name + " is not a host name or IPv4 address");
            return;
        }

        if (colon < 0)
        {
            host = address;
        }
        else
        {
            host = address[..colon];
            var portText = address[(colon + 1)..];
            if (portText.Length > 0 && !IsNumber(portText))
            {
                Todo(facts, directive, "server " + name + " port `" + portText + "`: a relative or non-numeric port cannot be expressed");
                facts.SkippedServers.Add(name + " has port " + portText);
                return;
            }

            port = portText.Length == 0 ? null : int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var settings = words.Skip(3).ToList();
        if (settings.Contains("backup"))
        {
            // A Galera role check keeps its backups as the later nodes of one writer; anything else refuses them.
            var backupPort = settings.IndexOf("port") is >= 0 and var at && at + 1 < settings.Count && IsNumber(settings[at + 1])
                ? int.Parse(settings[at + 1], NumberStyles.None, CultureInfo.InvariantCulture) : (int?)null;
            facts.BackupServers.Add(new HaproxyServer(name, host, port, directive.Site, backupPort, settings.Contains("on-marked-down") && settings.Contains("shutdown-sessions")));
            facts.PendingBackups.Add((directive.Site, "server " + name + " is a backup; an endpoint has one backend and no backup (it fails closed): not imported", name + " is a backup"));
            return;
        }

        if (settings.Contains("disabled"))
        {
            Todo(facts, directive, "server " + name + " is disabled in the live config; imported, it would take traffic: not imported");
            facts.SkippedServers.Add(name + " is disabled");
            return;
        }

        var wire = settings.Where(WireServerSettings.Contains).ToList();
        if (wire.Count > 0)
        {
            Todo(facts, directive, "server " + name + " uses `" + string.Join(" ", wire) + "`; the endpoint would forward plain TCP without it");
        }

        var rest = new List<string>();
        var timing = new List<string>();
        int? checkPort = null;
        var shutdownSessions = false;
        for (var i = 0; i < settings.Count; i++)
        {
            if (settings[i] == "check" || WireServerSettings.Contains(settings[i]))
            {
                continue;
            }

            if (EmittedServerSettings.Contains(settings[i]))
            {
                i++;
                continue;
            }

            if (settings[i] == "port" && i + 1 < settings.Count && IsNumber(settings[i + 1]))
            {
                checkPort = int.Parse(settings[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                facts.PendingCheckTargets.Add((directive.Site, "server " + name + " `port " + settings[i] + "`: its health check goes elsewhere than the traffic (Patroni's REST port, "
                    + "an agent); Lef.Infra checks the backend's own port: decide before deploying"));
                continue;
            }

            if (settings[i] == "on-marked-down" && i + 1 < settings.Count && settings[i + 1] == "shutdown-sessions")
            {
                shutdownSessions = true;
                i++;
                continue;
            }

            if (CheckTargetSettings.Contains(settings[i]))
            {
                var setting = settings[i];
                var shown = setting is not ("agent-check" or "check-ssl" or "check-send-proxy") && i + 1 < settings.Count ? setting + " " + settings[++i] : setting;
                Todo(facts, directive, "server " + name + " `" + shown + "`: its health check goes elsewhere than the traffic (Patroni's REST port, "
                    + "an agent); Lef.Infra checks the backend's own port: decide before deploying");
                continue;
            }

            if (CheckTimingSettings.Contains(settings[i]) && i + 1 < settings.Count)
            {
                timing.Add(settings[i] + " " + settings[++i]);
                continue;
            }

            rest.Add(settings[i]);
        }

        if (timing.Count > 0)
        {
            Note(directive, "server " + name + " check timing `" + string.Join(" ", timing) + "`: not carried over; Lef.Infra writes its own check timing");
        }

        if (!settings.Contains("check"))
        {
            Note(directive, "server " + name + " has no health check; Lef.Infra adds the engine's check (fail closed)");
        }

        if (rest.Count > 0)
        {
            Note(directive, "server " + name + " settings `" + string.Join(" ", rest) + "`: not carried over");
        }

        facts.Servers.Add(new HaproxyServer(name, host, port, directive.Site, checkPort, shutdownSessions));
    }

    private void Todo(SectionFacts facts, HaproxyDirective directive, string message) => Todo(facts, directive.Site, message);

    private void Todo(SectionFacts facts, ConfigSite site, string message)
    {
        var finding = ImportFinding.Warning(site, message);
        facts.Todos.Add(finding);
        findings.Add(finding);
    }

    private void Note(HaproxyDirective directive, string message) => findings.Add(ImportFinding.Note(directive.Site, message));

    /// <summary>What one section says about routing, read once even when several frontends share its backend.</summary>
    private sealed class SectionFacts
    {
        public List<HaproxyBind> Binds { get; } = [];

        public bool HadBind { get; set; }

        public List<HaproxyServer> Servers { get; } = [];

        public HealthCheck Check { get; set; }

        public string? Target { get; set; }

        public string? UnconditionalTarget { get; set; }

        public ConfigSite? TargetSite { get; set; }

        public List<ImportFinding> Todos { get; } = [];

        /// <summary>Why each server line was not taken: the reason a route has no server.</summary>
        public List<string> SkippedServers { get; } = [];

        /// <summary>The <c>disabled</c> line in effect (the section's own, or its defaults'), if any.</summary>
        public ConfigSite? DisabledSite { get; set; }

        public bool ModeReported { get; set; }

        /// <summary>The section's <c>option httpchk</c>, and its <c>http-check</c> lines: a role check, or a check Lef.Infra replaces.</summary>
        public HaproxyDirective? HttpCheck { get; set; }

        public List<HaproxyDirective> HttpCheckLines { get; } = [];

        public int? DefaultCheckPort { get; set; }

        public bool DefaultShutdownSessions { get; set; }

        /// <summary>Checks pointed at another port: a TODO unless they are a role check's.</summary>
        public List<(ConfigSite Site, string Message)> PendingCheckTargets { get; } = [];

        public RoleCheckFacts? RoleCheck { get; set; }

        /// <summary>The section's tcp-check lines other than a connect and a TDS PRELOGIN: Redis's role check, or a check Lef.Infra replaces.</summary>
        public List<HaproxyDirective> TcpCheckLines { get; } = [];

        /// <summary>Backup servers: a Galera role check's later nodes, refused anywhere else.</summary>
        public List<HaproxyServer> BackupServers { get; } = [];

        public List<(ConfigSite Site, string Message, string Skipped)> PendingBackups { get; } = [];
    }
}
