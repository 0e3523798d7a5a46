using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class DuplicateVipRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_on_both_declarations_across_files() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 1);"""),
        Verify.File("Crm.cs", "CrmVips", """public static readonly Vip Crm = new(Pool: Pools.Core, Address: {|LEF0001:"10.20.0.101"|}, Alias: 2);"""));

    [Fact]
    public Task ShouldReportDiagnostic_when_the_address_comes_from_a_const() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File(
            "Vips.cs",
            "Vips",
            """private const string Shared = "10.20.0.101";""",
            """public static readonly Vip Erp = new(Pool: Pools.Core, Address: {|LEF0001:Shared|}, Alias: 1);""",
            """public static readonly Vip Crm = new(Pools.Core, {|LEF0001:"10.20.0.101"|}, 2);"""));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_distinct_addresses() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File(
            "Vips.cs",
            "Vips",
            """public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""",
            """public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);"""));
}
