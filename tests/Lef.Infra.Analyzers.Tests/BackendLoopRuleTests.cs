using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class BackendLoopRuleTests
{
    private static readonly (string, string) Vips = Verify.File(
        "Vips.cs",
        "Vips",
        """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""",
        """public static readonly Vip B = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);""");

    [Theory]
    [InlineData("\"10.20.0.102\"")] // another endpoint's VIP
    [InlineData("\"10.20.0.150\"")] // a pool address
    [InlineData("\"proxy.core.lef\"")] // the proxy host
    [InlineData("\"crm.db.lef\"")] // an endpoint name
    public Task ShouldReportDiagnostic_for_a_backend_inside_the_proxy(string host) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "{|LEF0010:" + host + "|}")),
        Verify.File("Crm.cs", "Crm", Verify.Endpoint("Main", "\"crm\"", "Vips.B")));

    [Theory]
    [InlineData("\"10.20.0.12\"")] // a pair node's own address
    [InlineData("\"PROXY-A.core.lef\"")] // a pair node by name
    public Task ShouldReportDiagnostic_for_a_backend_on_a_node_of_a_pair(string host) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core")),
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "{|LEF0010:" + host + "|}")),
        Verify.File("Crm.cs", "Crm", Verify.Endpoint("Main", "\"crm\"", "Vips.B")));

    [Theory]
    [InlineData("\"10.20.0.10\"")] // same network, outside the pool range
    [InlineData("\"pg-erp.core.lef\"")]
    public Task ShouldNotReportDiagnostic_for_a_backend_outside_the_proxy(string host) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: host)),
        Verify.File("Crm.cs", "Crm", Verify.Endpoint("Main", "\"crm\"", "Vips.B")));

    [Theory]
    [InlineData("\"0.0.0.0\"")] // HAProxy connects to the connection's own destination: the VIP
    [InlineData("\"127.0.0.1\"")]
    [InlineData("\"127.20.0.9\"")]
    [InlineData("\"localhost\"")]
    [InlineData("\"LOCALHOST\"")] // "localhost." is already LEF0006: a host name has no trailing dot
    [InlineData("\"db.localhost\"")]
    [InlineData("\"ip6-localhost\"")]
    [InlineData("\"255.255.255.255\"")]
    [InlineData("\"224.0.0.1\"")]
    [InlineData("\"240.1.2.3\"")]
    [InlineData("\"0.1.2.3\"")]
    public Task ShouldReportDiagnostic_for_a_backend_on_loopback_unspecified_or_no_host(string host) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "{|LEF0010:" + host + "|}")));
}
