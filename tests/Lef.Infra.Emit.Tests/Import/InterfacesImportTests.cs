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

    [Fact]
    public void Secondary_addresses_in_further_stanzas_or_address_lines_are_vips_and_their_listens_are_imported()
    {
        using var inputs = new TempDirectory();
        const string interfaces = """
            auto ens18
            iface ens18 inet static
                address 10.20.0.10/24
                gateway 10.20.0.1
                address 10.20.0.103/24

            # ERP
            iface ens18 inet static
                address 10.20.0.101/24

            iface ens18 inet static
                address 10.20.0.102
                netmask 255.255.255.0

            auto ens18:1
            iface ens18:1 inet static
                address 10.20.0.104/24
            """;
        const string haproxy = """
            defaults
                mode tcp
            listen erp
                bind 10.20.0.101:1433
                server a sql-a.core.lef:1433 check
            listen crm
                bind 10.20.0.102:1433
                server b sql-b.core.lef:1433 check
            listen billing
                bind 10.20.0.103:5432
                server c pg-c.core.lef:5432 check
            listen hr
                bind 10.20.0.104:1433
                server d sql-d.core.lef:1433 check
            """;
        const string zone = "$ORIGIN db.lef.\nerp A 10.20.0.101\ncrm A 10.20.0.102\nbilling A 10.20.0.103\nhr A 10.20.0.104\n";

        var result = Importer.ImportTexts(inputs, haproxy, interfaces, zone, "--pool-first", "10.20.0.100", "--pool-last", "10.20.0.199");

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        var source = Importer.Written(inputs)["ProxyCore.cs"];
        Assert.Contains("Vip Erp = new(Pool: Pools.ProxyCore, Address: \"10.20.0.101\", Alias: 3);", source, System.StringComparison.Ordinal);
        Assert.Contains("Vip Crm = new(Pool: Pools.ProxyCore, Address: \"10.20.0.102\", Alias: 4);", source, System.StringComparison.Ordinal);
        Assert.Contains("Vip Billing = new(Pool: Pools.ProxyCore, Address: \"10.20.0.103\", Alias: 2);", source, System.StringComparison.Ordinal);
        Assert.Contains("Vip Hr = new(Pool: Pools.ProxyCore, Address: \"10.20.0.104\", Alias: 1);", source, System.StringComparison.Ordinal);
        Assert.Equal(4, source.Split("public static readonly Endpoint ").Length - 1);
        Assert.DoesNotContain("10.20.0.10\"", source, System.StringComparison.Ordinal);
        Assert.Contains("interfaces:8: warning: 10.20.0.101 is a secondary address of ens18, not an alias stanza: imported as the VIP on ens18:3", result.StandardError, System.StringComparison.Ordinal);
        Assert.Contains("interfaces:5: warning: a further `address` on ens18: ifupdown 0.8 (Debian's) brings up only the first address", result.StandardError, System.StringComparison.Ordinal);
        Assert.DoesNotContain("no alias on proxy.core.lef", result.StandardError, System.StringComparison.Ordinal);
        Assert.DoesNotContain(InProcessBuild.Diagnostics(Importer.Written(inputs)), d => d.Severity == "error");
    }

    [Fact]
    public void A_stanza_in_a_later_file_for_an_interface_an_earlier_file_configured_is_a_secondary_address()
    {
        using var inputs = new TempDirectory();
        System.IO.File.WriteAllText(inputs.Combine("interfaces"), "auto ens18\niface ens18 inet static\n    address 10.20.0.10/24\nsource interfaces.d/*\n");
        System.IO.Directory.CreateDirectory(inputs.Combine("interfaces.d"));
        System.IO.File.WriteAllText(inputs.Combine("interfaces.d", "vips"), "iface ens18 inet static\n    address 10.20.0.101/24\n");
        System.IO.File.WriteAllText(inputs.Combine("haproxy.cfg"), "listen erp\n    bind 10.20.0.101:1433\n    server s sql-erp-01.core.lef:1433 check\n");
        System.IO.File.WriteAllText(inputs.Combine("db.lef.zone"), InjectionTests.Zone);

        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--interfaces", inputs.Combine("interfaces.d", "vips"),
            "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        Assert.Contains("Vip Erp = new(Pool: Pools.ProxyCore, Address: \"10.20.0.101\", Alias: 1);", Importer.Written(inputs)["ProxyCore.cs"], System.StringComparison.Ordinal);
        Assert.Contains("vips:1: warning: 10.20.0.101 is a secondary address of ens18", result.StandardError, System.StringComparison.Ordinal);
    }
}
