using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>ifupdown alias stanzas in the forms they are written: netmask, CIDR, prefix-length netmask, continuation lines.</summary>
public sealed class InterfacesImportTests
{
    [Fact]
    public void Aliases_written_with_netmask_cidr_or_prefix_length_all_give_a_prefix()
    {
        var (aliases, findings) = InterfacesParser.Parse("interfaces", "proxy.core.lef", """
            auto lo
            iface lo inet loopback

            # ERP
            auto ens18:1
            iface ens18:1 inet static
            	address 10.20.0.101
            	netmask 255.255.255.0

            auto ens18:2 ens18:3
            iface ens18:2 inet static
                address 10.20.0.102/24
            iface ens18:3 inet static
                address \
                  10.20.0.103
                netmask 25
            """);

        Assert.Equal(["ens18:1 10.20.0.101/24", "ens18:2 10.20.0.102/24", "ens18:3 10.20.0.103/25"], aliases.Select(a => a.Name + " " + a.Address + "/" + a.Prefix));
        Assert.Equal(["ERP"], aliases[0].Comments);
        Assert.All(findings, f => Assert.Equal(FindingKind.Note, f.Kind));
    }

    [Fact]
    public void Stanzas_that_are_not_static_numbered_aliases_and_commands_are_reported()
    {
        var (aliases, findings) = InterfacesParser.Parse("interfaces", "proxy.core.lef", """
            source-directory /etc/network/interfaces.d
            iface ens18 inet static
                address 10.20.0.10/24
                up ip addr add 10.20.0.150/24 dev ens18 label ens18:9
            iface ens18:vip inet static
                address 10.20.0.151/24
            iface ens18:4 inet6 static
                address fd00::4/64
            iface ens18:5 inet static
                address 10.20.0.105/24
                post-up /usr/local/bin/announce
            iface ens18:6 inet static
                netmask 255.255.255.0
            """);

        Assert.Equal(["ens18:5"], aliases.Select(a => a.Name));
        Assert.Equal([1, 4, 5, 7, 11, 12], findings.Where(f => f.Kind == FindingKind.Warning).Select(f => f.Site.Line).Order());
        Assert.Contains(findings, f => f is { Kind: FindingKind.Note, Site.Line: 9 } && f.Message.Contains("no `auto` line", System.StringComparison.Ordinal));
    }
}
