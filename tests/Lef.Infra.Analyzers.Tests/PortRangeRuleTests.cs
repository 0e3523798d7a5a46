using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PortRangeRuleTests
{
    private static readonly (string, string) Vips = Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""");

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-5432")]
    public Task ShouldReportDiagnostic_for_a_listen_port_out_of_range(string port) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", port: "{|LEF0007:" + port + "|}", engine: "Engine.Tcp", backendPort: "3050")));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_backend_port_out_of_range_from_a_const() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", "private const int Bad = 70000;", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backendPort: "{|LEF0007:Bad|}")));

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    public Task ShouldNotReportDiagnostic_at_the_range_ends(string port) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", port: port, engine: "Engine.Tcp", backendPort: port)));
}
