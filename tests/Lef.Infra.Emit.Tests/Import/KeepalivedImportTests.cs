using System;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// keepalived.conf of both nodes of a pair, as people write it (keepalived's own examples: state, priority, unicast peers,
/// labelled VIPs, an include, comments), imported into a ProxyPair and pools owned by it.
/// </summary>
public sealed class KeepalivedImportTests
{
    private const string ProxyA = """
        ! Configuration File for keepalived on proxy-a
        global_defs {
           router_id proxy_a
           enable_script_security
        }

        vrrp_track_process haproxy {
            process haproxy
            weight 0
        }

        # The database VIPs: proxy-a holds them unless its HAProxy dies.
        vrrp_instance proxy-core {
            state MASTER
            interface ens18
            virtual_router_id 51
            priority 150
            advert_int 0.3
            unicast_src_ip 10.20.0.11
            unicast_peer {
                10.20.0.12
            }
            authentication {
                auth_type PASS
                auth_pass s3cret
            }
            virtual_ipaddress {
                # ERP on SQL Server
                10.20.0.101/24 dev ens18 label ens18:1
                10.20.0.102/24 dev ens18 label "ens18:2"
            }
            track_process {
                haproxy
            }
            include notify.conf
        }
        """;

    private const string Notify = """
        notify_master "/usr/local/bin/page-oncall master"
        """;

    private const string ProxyB = """
        vrrp_instance proxy-core {
            state BACKUP
            interface ens18
            virtual_router_id 51
            priority 100
            advert_int 0.3
            unicast_src_ip 10.20.0.12
            unicast_peer { 10.20.0.11 }
            virtual_ipaddress {
                10.20.0.101/24 dev ens18 label ens18:1
                10.20.0.102/24 dev ens18 label ens18:2
            }
        }
        """;

    private const string Haproxy = """
        defaults
            mode tcp
        listen erp-1433
            bind 10.20.0.101:1433
            server sql-erp-01 sql-erp-01.core.lef:1433 check
        listen ledger-5432
            bind 10.20.0.102:5432
            option pgsql-check user haproxy
            server pg-ledger pg-ledger-01.core.lef:5432 check
        """;

    private const string Interfaces = """
        auto ens18
        iface ens18 inet static
            address 10.20.0.11/24
        """;

    private const string Zone = """
        $ORIGIN db.lef.
        $TTL 300
        @ IN SOA ns.core.lef. hostmaster.core.lef. (1 3600 600 86400 300)
        @ IN NS ns.core.lef.
        erp IN A 10.20.0.101
        ledger IN A 10.20.0.102
        """;

    [Fact]
    public void Both_nodes_files_become_a_pair_whose_pool_holds_the_labelled_vips_and_the_result_builds_clean()
    {
        using var inputs = Inputs(ProxyA, ProxyB);

        var result = Import(inputs, "--haproxy", "proxy-a.core.lef=" + inputs.Combine("haproxy.cfg"), "--haproxy", "proxy-b.core.lef=" + inputs.Combine("haproxy-b.cfg"));

        Assert.True(result.ExitCode == ImportCommand.ImportedWithWarnings, result.Output);
        var files = Importer.Written(inputs);
        Assert.Equal(["Pairs.cs", "ProxyCore.cs"], files.Keys);
        Assert.Contains("""
                // The database VIPs: proxy-a holds them unless its HAProxy dies.
            """, files["Pairs.cs"], StringComparison.Ordinal);
        Assert.Contains("""
                public static readonly ProxyPair ProxyCore = new(
                    Name: "proxy-core",
                    First: new PairNode(Host: "proxy-a.core.lef", Address: "10.20.0.11", Priority: 150),
                    Second: new PairNode(Host: "proxy-b.core.lef", Address: "10.20.0.12", Priority: 100),
                    Interface: "ens18",
                    VirtualRouterId: 51,
                    AdvertIntervalMs: 300,
                    UnicastPeers: ["10.20.0.11", "10.20.0.12"],
                    FailBack: FailBack.Preempt);
            """, files["Pairs.cs"], StringComparison.Ordinal);
        var pool = files["ProxyCore.cs"];
        Assert.Contains("""
                public static readonly VipPool ProxyCore = new(
                    Pair: Pairs.ProxyCore,
                    Interface: "ens18",
                    Network: "10.20.0.0/24",
                    First: "10.20.0.101",
                    Last: "10.20.0.102");
            """, pool, StringComparison.Ordinal);
        Assert.Contains("""
                // ERP on SQL Server
                public static readonly Vip Erp = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 1);
            """, pool, StringComparison.Ordinal);
        Assert.Contains("public static readonly Vip Ledger = new(Pool: Pools.ProxyCore, Address: \"10.20.0.102\", Alias: 2);", pool, StringComparison.Ordinal);
        Assert.Contains("Vip: Vips.Erp,", pool, StringComparison.Ordinal);
        Assert.Contains("Backend: new Backend(Host: \"pg-ledger-01.core.lef\", Port: Ports.PostgreSql));", pool, StringComparison.Ordinal);

        // What the DSL does not say is a decision left in front of the reader, never dropped unseen.
        Assert.Contains("keepalived-a.conf:23: warning: VRRP `authentication` is not written by the emitter", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("keepalived-a.conf>notify.conf:1: warning: `notify_master` runs a script", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("haproxy-b.cfg:1: note: proxy-b.core.lef's haproxy configuration is the same as proxy-a.core.lef's", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("// TODO(import): keepalived-a.conf:23: VRRP `authentication`", files["Pairs.cs"], StringComparison.Ordinal);

        Assert.Empty(InProcessBuild.Diagnostics(files));
    }

    [Fact]
    public void Nopreempt_a_default_priority_multicast_and_unlabelled_vips_are_read_as_keepalived_reads_them()
    {
        using var inputs = Inputs(
            """
            vrrp_instance VI_1 {
                state BACKUP
                nopreempt
                interface ens18
                virtual_router_id 7
                priority 200
                virtual_ipaddress {
                    10.20.0.101/24
                    10.20.0.102/24 label ens18:1
                }
            }
            """,
            """
            vrrp_instance VI_1 {
                state BACKUP
                interface ens18
                virtual_router_id 7
                virtual_ipaddress {
                    10.20.0.101/24
                    10.20.0.102/24 label ens18:1
                }
            }
            """);

        var result = Import(inputs, "--haproxy", "proxy-b.core.lef=" + inputs.Combine("haproxy.cfg"));

        Assert.True(result.ExitCode == ImportCommand.ImportedWithWarnings, result.Output);
        var pairs = Importer.Written(inputs)["Pairs.cs"];
        Assert.Contains("First: new PairNode(Host: \"proxy-a.core.lef\", Address: \"\", Priority: 200),", pairs, StringComparison.Ordinal);
        Assert.Contains("Second: new PairNode(Host: \"proxy-b.core.lef\", Address: \"\", Priority: 100),", pairs, StringComparison.Ordinal);
        Assert.Contains("AdvertIntervalMs: 1000,", pairs, StringComparison.Ordinal);
        Assert.Contains("FailBack: FailBack.Stay);", pairs, StringComparison.Ordinal);
        Assert.Contains("sends its adverts by multicast", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("keepalived-b.conf:1: note: vrrp_instance VI_1 on proxy-b.core.lef sets no priority: keepalived's default 100", result.StandardError, StringComparison.Ordinal);

        // The unlabelled VIP takes the lowest alias number the labelled ones leave free; the labelled one keeps its own.
        var pool = Importer.Written(inputs)["VI_1.cs"];
        Assert.Contains("Address: \"10.20.0.101\", Alias: 2);", pool, StringComparison.Ordinal);
        Assert.Contains("Address: \"10.20.0.102\", Alias: 1);", pool, StringComparison.Ordinal);
        Assert.Contains("keepalived-a.conf:8: warning: 10.20.0.101 has no label ens18:n: imported as ens18:2", result.StandardError, StringComparison.Ordinal);

        // The backup's haproxy.cfg stands for the pair's when it is the only one given.
        Assert.Contains("Vip: Vips.Erp,", pool, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$PRIO=150\nvrrp_instance X {\n}\n", "keepalived-a.conf:1: error: `$PRIO=150` is a keepalived parameter")]
    [InlineData("@proxy_a priority 150\n", "keepalived-a.conf:1: error: `@proxy_a` applies only under keepalived's config id (-i) proxy_a")]
    [InlineData("include keepalived-a.conf\n", "keepalived-a.conf:1: error: `include keepalived-a.conf` includes")]
    [InlineData("include missing.conf\n", "keepalived-a.conf:1: error: `include missing.conf`: cannot read")]
    [InlineData("vrrp_instance X {\n    interface ens18\n", "error: a block is not closed")]
    [InlineData("x DEEP\n", "keepalived-a.conf:1: error: blocks nested deeper than 32 levels")]
    public void What_keepalived_decides_at_start_up_or_cannot_read_is_an_error_and_nothing_is_written(string proxyA, string expected)
    {
        // DEEP: three million `{`, which recursed off the stack (exit 134).
        using var inputs = Inputs(proxyA.Replace("DEEP", new string('{', 3_000_000), StringComparison.Ordinal), ProxyB);

        var result = Import(inputs, "--haproxy", "proxy-a.core.lef=" + inputs.Combine("haproxy.cfg"));

        Assert.True(result.ExitCode == ImportCommand.CannotRead, result.Output);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Importer.Written(inputs));
    }

    [Fact]
    public void An_instance_only_one_node_declares_is_an_error_naming_the_missing_file()
    {
        using var inputs = Inputs(ProxyA, "global_defs {\n}\n");

        var result = Import(inputs, "--haproxy", "proxy-a.core.lef=" + inputs.Combine("haproxy.cfg"));

        Assert.True(result.ExitCode == ImportCommand.CannotRead, result.Output);
        Assert.Contains("keepalived-a.conf:13: error: vrrp_instance proxy-core (virtual_router_id 51 on ens18) is only in proxy-a.core.lef's keepalived.conf: pass the other node's file too", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pair_alone_needs_no_interfaces_file_but_an_import_with_neither_is_refused()
    {
        using var inputs = Inputs(ProxyA, ProxyB);

        var pairOnly = Importer.Run(
            "--haproxy", "proxy-a.core.lef=" + inputs.Combine("haproxy.cfg"), "--zone", inputs.Combine("db.lef.zone"),
            "--keepalived", "proxy-a.core.lef=" + inputs.Combine("keepalived-a.conf"), "--keepalived", "proxy-b.core.lef=" + inputs.Combine("keepalived-b.conf"),
            "--out", inputs.Combine("out"));
        Assert.True(pairOnly.ExitCode == ImportCommand.ImportedWithWarnings, pairOnly.Output);
        Assert.Contains("Vip: Vips.Erp,", Importer.Written(inputs)["ProxyCore.cs"], StringComparison.Ordinal);

        var neither = Importer.Run("--haproxy", inputs.Combine("haproxy.cfg"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out2"));
        Assert.True(neither.ExitCode == ImportCommand.BadArguments, neither.Output);
        Assert.Contains("no file holds the VIPs", neither.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keepalived_file_without_its_node_is_a_bad_argument()
    {
        using var inputs = Inputs(ProxyA, ProxyB);

        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"),
            "--keepalived", inputs.Combine("keepalived-a.conf"), "--out", inputs.Combine("out"));

        Assert.True(result.ExitCode == ImportCommand.BadArguments, result.Output);
        Assert.Contains("names no node: give it as HOST=FILE", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Lvs_sync_groups_and_vips_on_one_node_only_are_reported_against_their_lines()
    {
        using var inputs = Inputs(
            ProxyA + "\nvrrp_sync_group G1 {\n    group {\n        proxy-core\n    }\n}\nvirtual_server 10.20.0.101 1433 {\n    lb_algo rr\n}\n",
            ProxyB.Replace("10.20.0.102/24 dev ens18 label ens18:2", "10.20.0.103/24 dev ens18 label ens18:3", StringComparison.Ordinal));

        var result = Import(inputs, "--haproxy", "proxy-a.core.lef=" + inputs.Combine("haproxy.cfg"));

        Assert.True(result.ExitCode == ImportCommand.ImportedWithWarnings, result.Output);
        Assert.Contains("keepalived-a.conf:37: warning: `vrrp_sync_group G1` is not imported", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("keepalived-a.conf:42: warning: `virtual_server 10.20.0.101 1433` is keepalived's LVS load balancing", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("keepalived-b.conf:11: warning: 10.20.0.103 is a VIP of proxy-b.core.lef only", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("keepalived-a.conf:30: warning: 10.20.0.102 is a VIP of proxy-a.core.lef only", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("// TODO(import): keepalived-a.conf:30: 10.20.0.102 is a VIP of proxy-a.core.lef only", Importer.Written(inputs)["ProxyCore.cs"], StringComparison.Ordinal);
    }

    private static TempDirectory Inputs(string proxyA, string proxyB)
    {
        var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("keepalived-a.conf"), proxyA);
        File.WriteAllText(inputs.Combine("keepalived-b.conf"), proxyB);
        File.WriteAllText(inputs.Combine("notify.conf"), Notify);
        File.WriteAllText(inputs.Combine("haproxy.cfg"), Haproxy);
        File.WriteAllText(inputs.Combine("haproxy-b.cfg"), Haproxy);
        File.WriteAllText(inputs.Combine("interfaces"), Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), Zone);
        return inputs;
    }

    private static Lef.Infra.Testing.ToolResult Import(TempDirectory inputs, params string[] haproxy) =>
        Importer.Run([
            .. haproxy, "--interfaces", "proxy-a.core.lef=" + inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"),
            "--keepalived", "proxy-a.core.lef=" + inputs.Combine("keepalived-a.conf"), "--keepalived", "proxy-b.core.lef=" + inputs.Combine("keepalived-b.conf"),
            "--out", inputs.Combine("out"),
        ]);
}
