using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class AliasClashRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_on_both_vips_across_files() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: {|LEF0004:3|});"""),
        Verify.File("Crm.cs", "CrmVips", """public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: {|LEF0004:3|});"""));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_negative_alias_and_one_too_long_for_ifnamsiz() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Long = new(Host: "proxy.core.lef", Interface: "enp129s0f1", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
            }
            """),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip A = new(Pool: Pools.Long, Address: "10.20.0.101", Alias: {|LEF0004:-1|});""",
            """public static readonly Vip B = new(Pool: Pools.Long, Address: "10.20.0.102", Alias: {|LEF0004:12345|});"""));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_one_alias_number_on_two_hosts() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.149");
                public static readonly VipPool Edge = new(Host: "proxy.edge.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.150", Last: "10.20.0.199");
            }
            """),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""",
            """public static readonly Vip B = new(Pool: Pools.Edge, Address: "10.20.0.151", Alias: 1);"""));

    [Fact]
    public Task ShouldReportDiagnostic_on_both_interfaces_whose_ifupdown_files_would_share_a_name() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Vlan = new(Host: "proxy.core.lef", Interface: {|LEF0004:"ens18.100"|}, Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
                public static readonly VipPool Other = new(Host: "PROXY.core.lef", Interface: {|LEF0004:"ens18_100"|}, Network: "10.21.0.0/24", First: "10.21.0.100", Last: "10.21.0.199");
            }
            """),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip A = new(Pool: Pools.Vlan, Address: "10.20.0.101", Alias: 1);""",
            """public static readonly Vip B = new(Pool: Pools.Other, Address: "10.21.0.101", Alias: 1);"""));

    [Fact]
    public Task ShouldReportDiagnostic_for_one_alias_on_two_spellings_of_one_host() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.149");
                public static readonly VipPool Shout = new(Host: "PROXY.CORE.LEF", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.150", Last: "10.20.0.199");
            }
            """),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: {|LEF0004:1|});""",
            """public static readonly Vip B = new(Pool: Pools.Shout, Address: "10.20.0.151", Alias: {|LEF0004:1|});"""));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_vlan_interface_and_its_parent() => Verify.Analyzer(
        ("Pools.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Vlan = new(Host: "proxy.core.lef", Interface: "ens18.100", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
                public static readonly VipPool Parent = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.21.0.0/24", First: "10.21.0.100", Last: "10.21.0.199");
            }
            """),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip A = new(Pool: Pools.Vlan, Address: "10.20.0.101", Alias: 1);""",
            """public static readonly Vip B = new(Pool: Pools.Parent, Address: "10.21.0.101", Alias: 1);"""));
}
