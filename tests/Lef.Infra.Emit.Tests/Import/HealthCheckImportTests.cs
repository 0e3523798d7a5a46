using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>A health check that picks the primary is never replaced silently, and a disabled section is never emitted enabled.</summary>
public sealed class HealthCheckImportTests
{
    private const string Interfaces = """
        auto ens18:1
        iface ens18:1 inet static
            address 10.20.0.101/24
        auto ens18:2
        iface ens18:2 inet static
            address 10.20.0.102/24
        auto ens18:3
        iface ens18:3 inet static
            address 10.20.0.103/24
        auto ens18:4
        iface ens18:4 inet static
            address 10.20.0.104/24
        """;

    private const string Zone = "$ORIGIN db.lef.\npg A 10.20.0.101\nredis A 10.20.0.102\nmysql A 10.20.0.103\nold A 10.20.0.104\n";

    [Fact]
    public void Redis_and_mysql_role_checks_are_warnings_with_a_todo_and_exit_6_and_patronis_is_a_cluster()
    {
        using var inputs = new TempDirectory();
        const string haproxy = """
            defaults
                mode tcp
            listen pg
                bind 10.20.0.101:5432
                option httpchk OPTIONS /primary
                http-check expect status 200
                default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions
                server pg1 pg-01.core.lef:5432 maxconn 100 check port 8008 inter 2s
            listen redis
                bind 10.20.0.102:6379
                option tcp-check
                tcp-check send "PING\r\n"
                tcp-check expect string +PONG
                tcp-check send info\ replication\r\n
                tcp-check expect string role:master
                server r1 redis-01.core.lef:6379 check
            listen mysql
                bind 10.20.0.103:3306
                option mysql-check user haproxy
                server m1 mysql-01.core.lef:3306 check
            """;

        var result = Importer.ImportTexts(inputs, haproxy, Interfaces, Zone);

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        var warnings = result.StandardError.Split('\n').Where(l => l.Contains(": warning: ", System.StringComparison.Ordinal)).ToList();
        // Patroni's role check is mapped (PatroniImportTests); only its check timing is Lef.Infra's own.
        Assert.DoesNotContain(warnings, w => w.StartsWith("haproxy.cfg:5:", System.StringComparison.Ordinal) || w.StartsWith("haproxy.cfg:8:", System.StringComparison.Ordinal));
        Assert.Contains("haproxy.cfg:5: note: `option httpchk OPTIONS /primary`: Patroni's role check, mapped to a Cluster", result.StandardError, System.StringComparison.Ordinal);
        Assert.Contains(warnings, w => w.StartsWith("haproxy.cfg:12: warning: `tcp-check send PING\\r\\n`: a health check that decides", System.StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("haproxy.cfg:19: warning: `option mysql-check user haproxy`: a health check that decides", System.StringComparison.Ordinal));
        Assert.Contains("haproxy.cfg:15: note: `tcp-check expect string role:master`: part of the health check at line 12", result.StandardError, System.StringComparison.Ordinal);
        Assert.Contains("haproxy.cfg:8: note: server pg1 check timing `inter 2s`: not carried over", result.StandardError, System.StringComparison.Ordinal);
        Assert.DoesNotContain("check timing `port", result.StandardError, System.StringComparison.Ordinal);
        var source = Importer.Written(inputs)["ProxyCore.cs"];
        Assert.DoesNotContain("// TODO(import): haproxy.cfg:5:", source, System.StringComparison.Ordinal);
        Assert.Contains("Cluster: Clusters.Pg,", source, System.StringComparison.Ordinal);
        Assert.Contains("// TODO(import): haproxy.cfg:19: `option mysql-check user haproxy`", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_inherited_from_defaults_is_a_warning_too()
    {
        var (sections, _) = HaproxyConfigParser.Parse("haproxy.cfg", "defaults\n    mode tcp\n    option httpchk GET /master\nlisten pg\n    bind 10.20.0.101:5432\n    server pg1 pg-01.core.lef:5432 check port 8008\n");
        var (listens, findings) = HaproxyListenReader.Read("proxy.core.lef", sections);

        var todo = Assert.Single(Assert.Single(listens).Todos, t => t.Site.Line == 4);
        Assert.StartsWith("listen pg inherits `option httpchk` from defaults: a health check that decides", todo.Message, System.StringComparison.Ordinal);
        Assert.Contains(findings, f => f is { Kind: FindingKind.Warning, Site.Line: 6 });
    }

    [Fact]
    public void A_check_port_set_on_default_server_is_a_warning()
    {
        var (sections, _) = HaproxyConfigParser.Parse("haproxy.cfg", "listen pg\n    bind 10.20.0.101:5432\n    option pgsql-check user haproxy\n    default-server port 8008 inter 2s\n    server pg1 pg-01.core.lef:5432 check\n");
        var (listens, _) = HaproxyListenReader.Read("proxy.core.lef", sections);

        var todo = Assert.Single(Assert.Single(listens).Todos);
        Assert.Equal(4, todo.Site.Line);
        Assert.StartsWith("`default-server port 8008 inter 2s`: `port` points every server's health check elsewhere", todo.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_listen_frontend_or_backend_is_not_imported_and_is_a_warning()
    {
        var (sections, _) = HaproxyConfigParser.Parse("haproxy.cfg", """
            listen old
                disabled
                bind 10.20.0.104:1433
                server s1 sql-01.core.lef:1433 check
            frontend fe
                bind 10.20.0.103:1433
                default_backend be
            backend be
                disabled
                server s2 sql-02.core.lef:1433 check
            defaults off
                disabled
            listen below
                bind 10.20.0.102:1433
                server s3 sql-03.core.lef:1433 check
            listen back
                enabled
                bind 10.20.0.101:1433
                server s4 sql-04.core.lef:1433 check
            """);
        var (listens, findings) = HaproxyListenReader.Read("proxy.core.lef", sections);

        Assert.Equal(["back"], listens.Select(l => l.SectionName));
        Assert.Equal(
            [
                "haproxy.cfg:2: warning: listen old is disabled in the live config: not imported, so that it is not emitted enabled",
                "haproxy.cfg:9: warning: frontend fe sends to backend be, which is disabled in the live config: not imported, so that it is not emitted enabled",
                "haproxy.cfg:12: warning: listen below is disabled in the live config: not imported, so that it is not emitted enabled",
            ],
            findings.Where(f => f.Kind == FindingKind.Warning).Select(f => f.ToString()));
    }

    [Fact]
    public void A_server_given_by_an_environment_variable_is_named_as_the_reason_and_is_read_with_its_value()
    {
        const string config = "listen pg\n    bind 10.20.0.101:5432\n    server pg1 \"$DB_HOST:5432\" check\n";
        var (sections, _) = HaproxyConfigParser.Parse("haproxy.cfg", config);
        var (listens, findings) = HaproxyListenReader.Read("proxy.core.lef", sections);

        Assert.Empty(listens);
        Assert.Contains(findings, f => f.Site.Line == 3 && f.Message.StartsWith("server pg1 `$DB_HOST:5432` uses an environment variable the import cannot resolve", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Site.Line == 1 && f.Message == "listen pg has no server the import can take (pg1 uses an environment variable)");
        Assert.DoesNotContain(findings, f => f.Message.Contains("backup", System.StringComparison.Ordinal));

        var environment = new System.Collections.Generic.Dictionary<string, string> { ["DB_HOST"] = "pg-01.core.lef" };
        var (withValue, _) = HaproxyConfigParser.Parse([new HaproxyFile("haproxy.cfg", config)], environment, HaproxyConfigParser.DefaultVersion);
        Assert.Equal("pg-01.core.lef", Assert.Single(HaproxyListenReader.Read("proxy.core.lef", withValue).Listens).Server.Host);
    }

    [Fact]
    public void Escapes_follow_the_haproxy_manual()
    {
        Assert.Equal(["tcp-check", "send", "PING\r\n"], HaproxyConfigParser.Words("tcp-check send \"PING\\r\\n\""));
        Assert.Equal(["a\tb", "\u001b", "c d", "\\d", "$x"], HaproxyConfigParser.Words("a\\tb \\x1b c\\ d \\d \"\\$x\""));
        Assert.Equal(["a\\nb"], HaproxyConfigParser.Words("'a\\nb'"));
    }
}
