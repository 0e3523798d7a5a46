using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class UnusedVipRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_a_vip_no_endpoint_uses() => Verify.AnalyzerWithUnusedVips(
        ("Pools.cs", Verify.Pools),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""",
            """public static readonly Vip {|LEF0012:Spare|} = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);"""),
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A")));

    [Fact]
    public Task ShouldNotReportDiagnostic_when_an_endpoint_in_another_file_uses_it() => Verify.AnalyzerWithUnusedVips(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);"""),
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A")));
}
