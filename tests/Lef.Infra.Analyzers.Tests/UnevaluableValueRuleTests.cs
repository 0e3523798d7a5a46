using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class UnevaluableValueRuleTests
{
    private static readonly (string, string) Vips = Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""");

    [Fact]
    public Task ShouldReportDiagnostic_for_a_method_call_a_static_field_and_null() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File(
            "Erp.cs",
            "Erp",
            "private static int PortFromEnvironment() => 5432;",
            "private static string host = \"pg.core.lef\";",
            "public static readonly Endpoint Main = new(Name: {|LEF0008:null!|}, Vip: Vips.A, Port: {|LEF0008:PortFromEnvironment()|}, Engine: Engine.PostgreSql, Backend: new Backend(Host: {|LEF0008:host|}, Port: 5432));"));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_field_initialized_from_another_field() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("More.cs", "More", "public static readonly Vip {|LEF0008:Copy|} = Vips.A;"),
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A")));

    [Fact]
    public Task ShouldReportDiagnostic_for_an_engine_no_member_has() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A", port: "6000", engine: "{|LEF0008:(Engine)7|}", backendPort: "6000")));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_reference_into_another_part_of_a_partial_class() => Verify.Analyzer(
        // C# leaves the order of a partial class's parts unspecified: Pool could be initialized after A and B.
        ("Pools.cs", Verify.Pools),
        ("A.cs", "using Lef.Infra.Dsl;\nnamespace Topology;\npublic static partial class Lab\n{\n    public static readonly VipPool Pool = new(Host: \"proxy.lab.lef\", Interface: \"ens19\", Network: \"10.60.0.0/24\", First: \"10.60.0.10\", Last: \"10.60.0.20\");\n    public static readonly Vip A = new(Pool: Pool, Address: \"10.60.0.10\", Alias: 1);\n}\n"),
        ("B.cs", "using Lef.Infra.Dsl;\nnamespace Topology;\npublic static partial class Lab\n{\n    public static readonly Vip B = new(Pool: {|LEF0008:Pool|}, Address: \"10.60.0.11\", Alias: 2);\n}\n"));

    [Fact]
    public Task ShouldReportDiagnostic_for_a_backend_not_written_in_place() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File(
            "Erp.cs",
            "Erp",
            "private static readonly Backend Shared = new(Host: \"pg.core.lef\", Port: 5432);",
            "public static readonly Endpoint Main = new(Name: \"erp\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: {|LEF0008:Shared|});",
            "public static readonly Endpoint Other = new(Name: \"other\", Vip: Vips.A, Port: 6432, Engine: Engine.Tcp, Backend: {|LEF0008:null!|});"));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_literals_consts_interpolated_consts_and_references() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Vips,
        Verify.File(
            "Erp.cs",
            "Erp",
            "private const string Domain = \"core.lef\";",
            "private const string Host = \"pg-erp.\" + Domain;",
            Verify.Endpoint("Main", "\"erp\"", "Vips.A", backend: "Host", backendPort: "Ports.PostgreSql")));

    public static TheoryData<string> LEF0008Cases => new(UnreadableTopologies.Cases.Where(c => UnreadableTopologies.Marks(c.Value.Markup).Any(m => m.RuleId == "LEF0008")).Select(c => c.Key));

    [Theory]
    [MemberData(nameof(LEF0008Cases))]
    public Task ShouldReportDiagnostic_for_code_that_would_change_what_is_deployed(string topology) => Verify.Analyzer(
        ("Pools.cs", UnreadableTopologies.Pools), ("Vips.cs", UnreadableTopologies.Vips), UnreadableTopologies.Cases[topology]);

    [Fact]
    public Task ShouldReportDiagnostic_for_a_view_kind_no_member_has() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File(
            "DnsViews.cs",
            "DnsViews",
            """public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8"], Kind: ViewKind.Internal);""",
            """public static readonly DnsView Odd = new(Name: "odd", MatchClients: ["192.168.0.0/16"], Kind: {|LEF0008:(ViewKind)7|});"""));
}
