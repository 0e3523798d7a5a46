using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class NameOnTwoVipsRuleTests
{
    private static readonly (string, string) Vips = Verify.File(
        "Vips.cs",
        "Vips",
        """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""",
        """public static readonly Vip B = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);""");

    [Fact]
    public Task ShouldReportDiagnostic_for_one_name_in_two_casings_on_two_vips_across_files() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "{|LEF0005:\"erp\"|}", "Vips.A")),
        Verify.File("ErpNew.cs", "ErpNew", Verify.Endpoint("Main", "{|LEF0005:\"ERP\"|}", "Vips.B")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_one_name_on_one_vip_with_two_ports() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File(
            "Erp.cs",
            "Erp",
            Verify.Endpoint("Pg", "\"erp\"", "Vips.A"),
            Verify.Endpoint("Sql", "\"Erp\"", "Vips.A", port: "Ports.SqlServer", engine: "Engine.SqlServer", backendPort: "1433")),
        Verify.File("Other.cs", "Other", Verify.Endpoint("Main", "\"other\"", "Vips.B")));
}
