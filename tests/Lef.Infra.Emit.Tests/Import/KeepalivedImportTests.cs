using System.IO;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>A live pair's keepalived.conf, written by hand (not by the emitter), read into a ProxyPair and its pool.</summary>
public sealed class KeepalivedImportTests
{
    private const string Haproxy = """
        global
            daemon
        defaults
            mode tcp
            timeout connect 5s
            timeout client 1h
            timeout server 1h
        listen erp
            bind 10.20.0.101:1433
            server sql-erp-01 sql-erp-01.core.lef:1433 check
        """;

    private const string Zone = """
        $ORIGIN db.lef.
        $TTL 300
        @ IN SOA dns.core.lef. hostmaster.core.lef. ( 1 3600 600 1209600 300 )
        @ IN NS dns.core.lef.
        erp IN A 10.20.0.101
        """;

    private static string Node(string self, string peer, int priority) => $$"""
        ! Configuration File for keepalived
        global_defs {
            router_id {{self}}
        }
        vrrp_script chk_haproxy {
            script "/usr/bin/killall -0 haproxy"   # never fails: keepalived #1420
        }
        vrrp_instance VI_DB {
            state BACKUP
            interface ens18
            virtual_router_id 60
            priority {{priority}}
            advert_int 1
            nopreempt
            unicast_src_ip {{self}}
            unicast_peer {
                {{peer}}
            }
            virtual_ipaddress {
                10.20.0.101/24 dev ens18 label ens18:4
            }
            track_script {
                chk_haproxy
            }
        }
        """;

    [Fact]
    public void Both_nodes_give_a_pair_whose_pool_holds_the_vip_and_the_listen()
    {
        using var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("a.conf"), Node("10.20.0.11", "10.20.0.12", 150));
        File.WriteAllText(inputs.Combine("b.conf"), Node("10.20.0.12", "10.20.0.11", 100));

        var result = Importer.ImportTexts(inputs, Haproxy, string.Empty, Zone,
            "--host", "lb1.core.lef", "--keepalived", "lb1.core.lef=" + inputs.Combine("a.conf"), "--keepalived", "lb2.core.lef=" + inputs.Combine("b.conf"));

        Assert.True(result.ExitCode is ImportCommand.Imported or ImportCommand.ImportedWithWarnings, result.Output);
        var written = Importer.Written(inputs);
        var pairs = written["Pairs.cs"];
        Assert.Contains("public static readonly ProxyPair VIDB = new(", pairs);
        Assert.Contains("Name: \"VI_DB\",", pairs); // as live; LEF0006 then asks for a DNS label
        Assert.Contains("First: new PairNode(Host: \"lb1.core.lef\", Address: \"10.20.0.11\", Priority: 150),", pairs);
        Assert.Contains("Second: new PairNode(Host: \"lb2.core.lef\", Address: \"10.20.0.12\", Priority: 100),", pairs);
        Assert.Contains("VirtualRouterId: 60,", pairs);
        Assert.Contains("AdvertIntervalMs: 1000,", pairs);
        Assert.Contains("UnicastPeers: [\"10.20.0.11\", \"10.20.0.12\"],", pairs);
        Assert.Contains("FailBack: FailBack.Stay);", pairs);
        var pool = Assert.Single(written, f => f.Value.Contains("VipPool", System.StringComparison.Ordinal)).Value;
        Assert.Contains("Pair: Pairs.VIDB,", pool);
        Assert.Contains("Address: \"10.20.0.101\", Alias: 4);", pool);
        Assert.Contains("Port: Ports.SqlServer,", pool);
    }

    [Fact]
    public void One_node_alone_is_no_pair_and_nothing_is_written()
    {
        using var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("a.conf"), Node("10.20.0.11", "10.20.0.12", 150));

        var result = Importer.ImportTexts(inputs, Haproxy, string.Empty, Zone, "--host", "lb1.core.lef", "--keepalived", "lb1.core.lef=" + inputs.Combine("a.conf"));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("vrrp_instance VI_DB is given for 1 node(s); a pair has two", result.StandardError);
        Assert.Empty(Importer.Written(inputs));
    }
}
