using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class EnginePortMismatchRuleTests
{
    private static readonly (string, string) Vips = Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""");

    [Fact]
    public Task ShouldReportDiagnostic_for_postgresql_on_the_sql_server_port() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", port: "{|LEF0011:Ports.SqlServer|}", engine: "Engine.PostgreSql", backendPort: "{|LEF0011:1433|}")));

    [Fact]
    public Task ShouldReportDiagnostic_for_tcp_on_a_database_port() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", port: "{|LEF0011:5432|}", engine: "Engine.Tcp", backendPort: "{|LEF0011:5432|}")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_matching_engines_or_other_ports() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File(
            "Erp.cs",
            "Erp",
            Verify.Endpoint("Pg", "\"erp\"", "Vips.A"),
            Verify.Endpoint("Pool", "\"erp\"", "Vips.A", port: "6432", engine: "Engine.PostgreSql", backendPort: "6432")));
}
