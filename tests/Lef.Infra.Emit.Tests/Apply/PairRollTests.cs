using System.Linq;
using System.IO;
using Lef.Infra.Emit.Apply;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

public sealed class PairRollTests
{
    [Fact]
    public void The_nodes_holding_vips_go_last_and_the_dns_host_keeps_its_place()
    {
        string[] order = ["proxy-a.core.lef", "proxy-b.core.lef", "proxy.edge.lef", "dns.core.lef"];

        Assert.Equal(["proxy-b.core.lef", "proxy.edge.lef", "proxy-a.core.lef", "dns.core.lef"], PairRoll.Order(order, h => h == "proxy-a.core.lef"));
        Assert.Equal(["dns.core.lef", "proxy-a.core.lef", "proxy-b.core.lef"], PairRoll.Order(["dns.core.lef", "proxy-b.core.lef", "proxy-a.core.lef"], h => h == "proxy-b.core.lef"));
    }

    [Fact]
    public void Every_vip_is_read_from_the_emitted_keepalived_conf()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        var conf = File.ReadAllText(deploy.Combine("hosts/proxy-b.core.lef/keepalived/keepalived.conf"));

        var vips = PairRoll.Vips(conf).ToList();
        Assert.Equal("10.20.0.100", vips[0]);
        Assert.Equal(vips.Count, System.Text.RegularExpressions.Regex.Matches(conf, @" dev \S+ label ").Count);
        Assert.Empty(PairRoll.Vips("vrrp_instance x {\n    unicast_src_ip 10.20.0.11\n}\n"));
    }
}
