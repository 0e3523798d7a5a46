using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class UndiscoverableRecordRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_records_in_methods_properties_and_mutable_fields() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        ("Hidden.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Hidden
            {
                public static Vip {|LEF0014:Mutable|} = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
                public static Vip Property { get; } = {|LEF0014:new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2)|};
                public static Vip Make() => {|LEF0014:new Vip(Pool: Pools.Core, Address: "10.20.0.103", Alias: 3)|};
            }
            public class NotStatic
            {
                public static readonly Vip {|LEF0014:InInstanceClass|} = new(Pool: Pools.Core, Address: "10.20.0.104", Alias: 4);
            }
            """));

    [Fact]
    public Task ShouldReportDiagnostic_for_an_inline_pool() => Verify.Analyzer(
        Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: {|LEF0014:new VipPool(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199")|}, Address: "10.20.0.101", Alias: 1);"""));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_static_readonly_fields_of_static_classes_and_inline_backends() => Verify.Analyzer(
        ("Pools.cs", Verify.Pools),
        Verify.File("Vips.cs", "Vips", """public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);"""),
        Verify.File("Erp.cs", "Erp", Verify.Endpoint("Main", "\"erp\"", "Vips.A")));

    public static TheoryData<string> LEF0014Cases => new(UnreadableTopologies.Cases.Where(c => UnreadableTopologies.Marks(c.Value.Markup).Any(m => m.RuleId == "LEF0014")).Select(c => c.Key));

    [Theory]
    [MemberData(nameof(LEF0014Cases))]
    public Task ShouldReportDiagnostic_for_records_in_generic_types_and_fields_of_other_types(string topology) => Verify.Analyzer(
        ("Pools.cs", UnreadableTopologies.Pools), ("Vips.cs", UnreadableTopologies.Vips), UnreadableTopologies.Cases[topology]);
}
