extern alias analyzers;

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
        public static readonly Vip A = new(Pool: Tiny, Address: {|LEF0001:"10.30.0.5"|}, Alias: 1);
        public static readonly Vip B = new(Pool: Tiny, Address: {|LEF0001:"10.30.0.5"|}, Alias: 2);
        public static readonly VipPool Tiny = new(Host: "proxy.tiny.lef", Interface: "ens18", Network: "10.30.0.0/24", First: "10.30.0.5", Last: "10.30.0.5");
        """,
        null);

    private static Task VerifyFix(string vips, string? fixedVips)
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
