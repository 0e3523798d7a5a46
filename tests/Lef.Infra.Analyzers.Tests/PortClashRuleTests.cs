using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PortClashRuleTests
{
    private const string Vips = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Vips
        {
            public static readonly Vip Billing = new(Pool: Pools.Core, Address: "10.20.0.103", Alias: 3);
        }
        """;

    [Fact]
    public Task ShouldReportDiagnostic_on_both_sides_when_one_port_is_a_literal_and_the_other_a_const() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        ("Vips.cs", Vips),
        Verify.File("Billing.cs", "Billing", Verify.Endpoint("Main", "\"billing\"", "Vips.Billing", port: "{|LEF0003:Ports.PostgreSql|}")),
        Verify.File("Reports.cs", "Reports", Verify.Endpoint("Main", "\"reports\"", "Vips.Billing", port: "{|LEF0003:5432|}")));

    [Fact]
    public Task ShouldReportDiagnostic_when_the_ports_are_narrower_constants_than_int() => Verify.Analyzer(
        // The compiler widens a ushort const and a (short) cast to the int parameter: the reader must read that int.
        ("Pools.cs", Verify.Pools),
        ("Vips.cs", Vips),
        ("Narrow.cs", "namespace Topology;\npublic static class Narrow\n{\n    public const ushort Port = 5432;\n}\n"),
        Verify.File("Billing.cs", "Billing", Verify.Endpoint("Main", "\"billing\"", "Vips.Billing", port: "{|LEF0003:Narrow.Port|}")),
        Verify.File("Reports.cs", "Reports", Verify.Endpoint("Main", "\"reports\"", "Vips.Billing", port: "{|LEF0003:(short)5432|}")));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_shared_vip_on_different_ports() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        ("Vips.cs", Vips),
        Verify.File("Billing.cs", "Billing", Verify.Endpoint("Main", "\"billing\"", "Vips.Billing")),
        Verify.File("Reports.cs", "Reports", Verify.Endpoint("Main", "\"reports\"", "Vips.Billing", port: "6432", engine: "Engine.Tcp", backendPort: "6432")));
}
