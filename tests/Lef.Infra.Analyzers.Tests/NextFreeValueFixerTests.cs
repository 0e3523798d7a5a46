extern alias analyzers;

using System.Linq;
using System.Threading.Tasks;
using analyzers::Lef.Infra.Analyzers;
using analyzers::Lef.Infra.Analyzers.CodeFixes;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>"Use next free VIP" and "Use next free alias", one at a time and with Fix All (both are exercised by the test framework).</summary>
public sealed class NextFreeValueFixerTests
{
    [Fact]
    public Task Duplicate_vip_moves_the_second_declaration_to_the_first_free_address() => VerifyFix(
        """
        public static readonly Vip A = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.100"|}, Alias: 1);
        public static readonly Vip B = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.100"|}, Alias: 2);
        public static readonly Vip C = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 3);
        """,
        """
        public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.100", Alias: 1);
        public static readonly Vip B = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
        public static readonly Vip C = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 3);
        """);

    [Fact]
    public Task Fix_all_gives_every_moved_vip_its_own_address_including_one_outside_the_pool() => VerifyFix(
        """
        private const string Taken = "10.20.0.100";
        public static readonly Vip A = new(Pool: Pools.Core, Address: {|LEF0001:Taken|}, Alias: 1);
        public static readonly Vip B = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.100"|}, Alias: 2);
        public static readonly Vip C = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.100"|}, Alias: 3);
        public static readonly Vip D = new(Pool: Pools.Core, Address: {|LEF0002:"10.20.0.250"|}, Alias: 4);
        """,
        """
        private const string Taken = "10.20.0.100";
        public static readonly Vip A = new(Pool: Pools.Core, Address: Taken, Alias: 1);
        public static readonly Vip B = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 2);
        public static readonly Vip C = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 3);
        public static readonly Vip D = new(Pool: Pools.Core, Address: "10.20.0.103", Alias: 4);
        """);

    [Fact]
    public Task Alias_clash_moves_the_second_vip_to_the_first_free_alias() => VerifyFix(
        """
        public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: {|LEF0004:1|});
        public static readonly Vip B = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: {|LEF0004:1|});
        public static readonly Vip C = new(Pool: Pools.Core, Address: "10.20.0.103", Alias: 2);
        """,
        """
        public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        public static readonly Vip B = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 3);
        public static readonly Vip C = new(Pool: Pools.Core, Address: "10.20.0.103", Alias: 2);
        """);

    [Fact]
    public Task A_full_pool_offers_no_fix() => VerifyFix(
        """
        public static readonly VipPool Tiny = new(Host: "proxy.tiny.lef", Interface: "ens18", Network: "10.30.0.0/24", First: "10.30.0.5", Last: "10.30.0.5");
        public static readonly Vip A = new(Pool: Tiny, Address: {|LEF0001:"10.30.0.5"|}, Alias: 1);
        public static readonly Vip B = new(Pool: Tiny, Address: {|LEF0001:"10.30.0.5"|}, Alias: 2);
        """,
        null);

    [Fact]
    public Task Duplicate_vip_moves_the_undeployed_side_back_to_its_deployed_address_not_the_deployed_owner() => VerifyFix(
        """
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 1);
        public static readonly Vip Crm = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 2);
        """,
        """
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
        """,
        Deployed(("10.20.0.101", "ens18:1", "Vips.Erp"), ("10.20.0.102", "ens18:2", "Vips.Crm")));

    [Fact]
    public Task Duplicate_vip_keeps_the_deployed_owner_and_skips_addresses_still_deployed() => VerifyFix(
        """
        public static readonly Vip Aaa = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 2);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 1);
        """,
        """
        public static readonly Vip Aaa = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        """,
        Deployed(("10.20.0.101", "ens18:1", "Vips.Erp"), ("10.20.0.100", "ens18:3", "Vips.Gone")));

    [Fact]
    public Task Duplicate_vip_with_neither_side_deployed_keeps_the_first_by_name() => VerifyFix(
        """
        public static readonly Vip Aaa = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.120"|}, Alias: 2);
        public static readonly Vip Bbb = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.120"|}, Alias: 3);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        """,
        """
        public static readonly Vip Aaa = new(Pool: Pools.Core, Address: "10.20.0.120", Alias: 2);
        public static readonly Vip Bbb = new(Pool: Pools.Core, Address: "10.20.0.100", Alias: 3);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        """,
        Deployed(("10.20.0.101", "ens18:1", "Vips.Erp")));

    [Fact]
    public Task Alias_clash_keeps_the_deployed_alias_and_gives_the_other_its_own_back() => VerifyFix(
        """
        public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: {|LEF0004:1|});
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: {|LEF0004:1|});
        public static readonly Vip New = new(Pool: Pools.Core, Address: "10.20.0.103", Alias: {|LEF0004:1|});
        """,
        """
        public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        public static readonly Vip New = new(Pool: Pools.Core, Address: "10.20.0.103", Alias: 4);
        """,
        Deployed(("10.20.0.101", "ens18:1", "Vips.Erp"), ("10.20.0.102", "ens18:2", "Vips.Crm"), ("10.20.0.150", "ens18:3", "Vips.Gone")));

    [Fact]
    public Task A_deployed_vip_outside_a_narrowed_pool_is_offered_no_fix() => VerifyFix(
        """
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0002:"10.20.0.201"|}, Alias: 1);
        """,
        null,
        Deployed(("10.20.0.201", "ens18:1", "Vips.Erp")));

    [Fact]
    public Task An_address_map_it_cannot_read_leaves_the_estate_unknown_and_the_first_by_name_keeps() => VerifyFix(
        """
        public static readonly Vip Crm = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 2);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 1);
        """,
        """
        public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 2);
        public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.100", Alias: 1);
        """,
        Deployed(("10.20.0.101", "ens18:1", "Vips.Erp")).Replace("\"addresses\"", "\"addresses\": 1, \"more\"", System.StringComparison.Ordinal));

    /// <summary>An address map as the emitter writes it (deploy/docs/core-lan-address-map.json), one entry per deployed VIP.</summary>
    internal static string Deployed(params (string Address, string Alias, string Field)[] vips) =>
        "{\n  \"generatedBy\": \"test\",\n  \"pools\": [],\n  \"addresses\": [\n"
        + string.Join(",\n", vips.Select(v =>
            $"    {{ \"address\": \"{v.Address}\", \"owner\": \"proxy.core.lef\", \"interface\": \"{v.Alias}\", \"network\": \"10.20.0.0/24\", \"use\": \"TCP proxy VIP\", \"names\": [], \"ports\": [5432], \"declaredBy\": \"{v.Field}\" }}"))
        + "\n  ]\n}\n";

    private static Task VerifyFix(string vips, string? fixedVips, string? addressMap = null)
    {
        static string File(string body) => "using Lef.Infra.Dsl;\nnamespace Topology;\npublic static class Vips\n{\n" + Indent(body) + "\n}\n";
        var test = new CSharpCodeFixTest<TopologyAnalyzer, NextFreeValueFixer, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.DisabledDiagnostics.Add("LEF0012");
        test.TestState.AdditionalReferences.AddRange(FrameworkReferences.WithDsl);
        test.TestState.Sources.Add(("Pools.cs", Verify.Pools));
        test.TestState.Sources.Add(("Vips.cs", File(vips)));
        if (addressMap is not null)
        {
            test.TestState.AdditionalFiles.Add(("/deploy/docs/core-lan-address-map.json", addressMap));
        }
        if (fixedVips is null)
        {
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            test.FixedState.Sources.Add(("Pools.cs", Verify.Pools));
            test.FixedState.Sources.Add(("Vips.cs", File(vips)));
        }
        else
        {
            test.FixedState.Sources.Add(("Pools.cs", Verify.Pools));
            test.FixedState.Sources.Add(("Vips.cs", File(fixedVips)));
        }

        return test.RunAsync();
    }

    private static string Indent(string body) => "    " + body.Replace("\n", "\n    ");
}
