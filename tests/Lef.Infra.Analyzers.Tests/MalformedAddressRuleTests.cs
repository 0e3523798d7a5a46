using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class MalformedAddressRuleTests
{
    [Theory]
    [InlineData("10.20.0.0101")] // leading zero: octal to inet_aton
    [InlineData("10.20.0.256")]
    [InlineData("10.20.0")]
    [InlineData("10.20.0.101 ")]
    [InlineData("10.20.0.1.1")]
    public Task ShouldReportDiagnostic_for_a_malformed_vip(string address) => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", $$"""public static readonly Vip A = new(Pool: Pools.Core, Address: {|LEF0013:"{{address}}"|}, Alias: 1);"""));

    [Theory]
    [InlineData("10.20.0.1/24")] // host bits set
    [InlineData("10.20.0.0/33")]
    [InlineData("10.20.0.0")]
    [InlineData("10.20.0.0/024")]
    public Task ShouldReportDiagnostic_for_a_malformed_network(string network) => Verify.Analyzer(
        ("Pools.cs", $$"""
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: {|LEF0013:"{{network}}"|}, First: "10.20.0.100", Last: "10.20.0.199");
            }
            """));

    [Theory]
    [InlineData("0x7f.1")]
    [InlineData("0x7f000001")]
    [InlineData("127.0x0.1")]
    [InlineData("0X7F.0.0.1")]
    public Task ShouldReportDiagnostic_for_a_backend_the_resolver_reads_as_an_address(string host) => Verify.Analyzer(
        // A valid host name by its letters, but inet_aton reads it as 127.0.0.1: it passed LEF0010 into the proxy itself.
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);"""),
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "{|LEF0013:\"" + host + "\"|}")));

    [Fact]
    public async Task A_malformed_value_is_quoted_with_its_control_characters_escaped()
    {
        // Quoted raw, a newline split the diagnostic into a second, fake "error:" line, and an ESC reached the terminal.
        var compilation = Analysis.Compile(
            ("/src/Pools.cs", Verify.Pools.Replace("Network: \"10.20.0.0/24\"", "Network: \"10.20.0.0/24\\nerror: fake \\u001b[31mRED\"", System.StringComparison.Ordinal)),
            Verify.File("/src/Vips.cs", "Vips", "public static readonly Vip A = new(Pool: Pools.Core, Address: \"10.20.0.101\\r\\nok\", Alias: 1);"));

        var messages = (await Analysis.AllAsync(compilation)).Where(d => d.StartsWith("LEF0013 ", System.StringComparison.Ordinal)).ToList();

        Assert.Contains(messages, m => m.Contains("network \"10.20.0.0/24\\u000aerror: fake \\u001b[31mRED\" of Pools.Core is malformed", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Address \"10.20.0.101\\u000d\\u000aok\" of Vips.A is not a dotted-quad", System.StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain(m, c => c < ' '));
    }

    [Fact]
    public Task ShouldReportDiagnostic_for_a_malformed_backend_address_but_not_a_host_name() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);"""),
        Verify.File(
            "Erp.cs",
            "Erp",
            Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "{|LEF0013:\"10.30.0.05\"|}"),
            Verify.Endpoint("Other", "\"other\"", "Vips.A", port: "6432", engine: "Engine.Tcp", backend: "\"db01.core.lef\"", backendPort: "6432"),
            Verify.Endpoint("Hex", "\"hex\"", "Vips.A", port: "6433", engine: "Engine.Tcp", backend: "\"0xdb.core.lef\"", backendPort: "6432")));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_malformed_node_address_or_peer() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core", firstAddress: "{|LEF0013:\"10.20.0.011\"|}", peers: "[{|LEF0013:\"10.20.0.011\"|}, \"10.20.0.12\"]")));
}
