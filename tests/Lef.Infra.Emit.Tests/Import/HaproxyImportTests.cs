using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>haproxy.cfg as people write it: the parser and the route reader on the shapes a live config takes.</summary>
public sealed class HaproxyImportTests
{
    [Fact]
    public void Words_follow_haproxy_quoting_escapes_and_comments()
    {
        Assert.Equal(["server", "a b", "host:1433", "check"], HaproxyConfigParser.Words("\tserver \"a b\" 'host:1433' check # the primary"));
        Assert.Equal(["bind", "10.0.0.1:1#2"], HaproxyConfigParser.Words(@"bind 10.0.0.1:1\#2"));
        Assert.Equal(["log", "global"], HaproxyConfigParser.Words("  log\t\tglobal   "));
    }

    [Fact]
    public void A_listen_with_tabs_options_after_bind_and_check_settings_becomes_one_route()
    {
        var (listens, findings) = Read("""
            defaults
            	mode tcp
            	timeout client 30m

            listen erp
            	bind 10.20.0.101:1433 name erp transparent
            	balance roundrobin
            	server sql-erp-01 sql-erp-01.core.lef:1433 check inter 2s fall 3 rise 2
            """);

        var listen = Assert.Single(listens);
        Assert.Equal(new HaproxyBind("10.20.0.101", 1433, new ConfigSite("haproxy.cfg", 6)), Assert.Single(listen.Binds));
        Assert.Equal(new HaproxyServer("sql-erp-01", "sql-erp-01.core.lef", 1433, new ConfigSite("haproxy.cfg", 8)), listen.Server);
        Assert.Empty(listen.Todos);
        Assert.All(findings, f => Assert.Equal(FindingKind.Note, f.Kind));
        Assert.Contains(findings, f => f.Site.Line == 8 && f.Message.Contains("`inter 2s fall 3 rise 2`", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Site.Line == 6 && f.Message.Contains("`name erp transparent`", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Frontends_join_their_backend_and_each_bind_is_kept()
    {
        var (listens, _) = Read("""
            frontend fe_pg
                bind 10.20.0.103:5432,ipv4@10.20.0.104:5432
                bind 10.20.0.105:5432
                default_backend be_pg
            backend be_pg
                option pgsql-check user haproxy
                server pg1 pg-01.core.lef check
            """);

        var listen = Assert.Single(listens);
        Assert.Equal(["10.20.0.103", "10.20.0.104", "10.20.0.105"], listen.Binds.Select(b => b.Address));
        Assert.Equal(HealthCheck.PostgreSql, listen.Check);
        Assert.Null(listen.Server.Port);
        Assert.Equal("frontend fe_pg -> backend be_pg", listen.Description);
    }

    [Fact]
    public void Mode_is_inherited_from_defaults_and_overridden_by_the_section()
    {
        var (listens, findings) = Read("""
            defaults web
                mode http

            listen site
                bind 10.20.0.50:80
                server web1 10.20.1.5:80

            listen erp
                mode tcp
                bind 10.20.0.101:1433
                server sql1 10.20.1.21:1433 check

            defaults tcpdefaults
                mode tcp
            frontend fe_api from web
                bind 10.20.0.51:80
                default_backend be_api
            backend be_api
                server api1 10.20.1.6:80
            """);

        Assert.Equal(["erp"], listens.Select(l => l.SectionName));
        Assert.Contains(findings, f => f is { Kind: FindingKind.Warning, Site.Line: 4 } && f.Message.StartsWith("listen site: mode http", System.StringComparison.Ordinal));
        Assert.Contains(findings, f => f is { Kind: FindingKind.Warning, Site.Line: 15 } && f.Message.StartsWith("frontend fe_api: mode http", System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_old_listen_header_form_and_a_sql_server_prelogin_check_are_read()
    {
        var (listens, _) = Read("""
            listen crm 10.20.0.102:1433
                option tcp-check
                tcp-check connect
                tcp-check send-binary 1201001a0000010000000b00060100110001ff00000000000002
                tcp-check expect rbinary ^0401
                server crm1 10.20.1.21:1433 check
            """);

        var listen = Assert.Single(listens);
        Assert.Equal("10.20.0.102", Assert.Single(listen.Binds).Address);
        Assert.Equal(HealthCheck.TdsPrelogin, listen.Check);
    }

    [Fact]
    public void Whatever_cannot_be_mapped_is_reported_at_its_line_and_attached_to_the_route()
    {
        var (listens, findings) = Read("""
            frontend fe_ledger
                bind *:3050
                bind 10.20.0.107:3050 ssl crt /etc/ssl/ledger.pem
                acl office src 10.30.0.0/16
                use_backend be_office if office
                default_backend be_ledger
            backend be_ledger
                server fb1 fb-ledger-01.core.lef:3050 check
                server fb2 fb-ledger-02.core.lef:3050 check
                server fb3 fb-ledger-03.core.lef:3050 check backup
                server fb4 fb-ledger-04.core.lef:3050 check disabled
                stick-table type ip size 1m
            frontend fe_nothing
                bind 10.20.0.108:1433
            """);

        var listen = Assert.Single(listens);
        Assert.Equal("fb1", listen.Server.Name);
        var warnings = findings.Where(f => f.Kind == FindingKind.Warning).Select(f => f.Site.Line).ToList();
        Assert.Equal([2, 3, 4, 5, 9, 10, 11, 12, 13], warnings.Order());
        Assert.Equal([2, 3, 4, 5, 9, 10, 11, 12], listen.Todos.Select(t => t.Site.Line).Order());
    }

    [Fact]
    public void A_check_set_in_defaults_applies_to_the_sections_below_it_unless_they_set_their_own()
    {
        var (listens, _) = Read("""
            defaults
                mode tcp
                option pgsql-check user haproxy
            listen billing
                bind 10.20.0.103:5432
                server pg1 pg-billing-01.core.lef:5432 check
            listen ledger
                bind 10.20.0.107:3050
                option tcp-check
                server fb1 fb-ledger-01.core.lef:3050 check
            """);

        Assert.Equal([HealthCheck.PostgreSql, HealthCheck.Other], listens.Select(l => l.Check));
    }

    private static (IReadOnlyList<HaproxyListen> Listens, List<ImportFinding> Findings) Read(string text)
    {
        var (sections, parseFindings) = HaproxyConfigParser.Parse("haproxy.cfg", text);
        var (listens, readFindings) = HaproxyListenReader.Read("proxy.core.lef", sections);
        return (listens, [.. parseFindings, .. readFindings]);
    }
}
