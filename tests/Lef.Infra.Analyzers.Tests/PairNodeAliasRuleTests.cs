using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

public sealed class PairNodeAliasRuleTests
{
    [Fact]
    public Task ShouldReportDiagnostic_for_a_pool_of_one_host_on_a_pair_node() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core")),
        Verify.File("Pools.cs", "Pools",
            "public static readonly VipPool Shared = new(Pair: Pairs.Core, Interface: \"ens18\", Network: \"10.20.0.0/24\", First: \"10.20.0.100\", Last: \"10.20.0.149\");",
            "public static readonly VipPool Own = new(Host: {|LEF0021:\"proxy-b.core.lef\"|}, Interface: \"ens18\", Network: \"10.20.0.0/24\", First: \"10.20.0.150\", Last: \"10.20.0.199\");"));

    [Fact]
    public Task ShouldNotReportDiagnostic_for_a_pool_of_the_pair_beside_a_pool_of_another_host() => Verify.Analyzer(
        Verify.File("Pairs.cs", "Pairs", Verify.Pair("Core")),
        Verify.File("Pools.cs", "Pools",
            "public static readonly VipPool Shared = new(Pairs.Core, \"ens18\", \"10.20.0.0/24\", \"10.20.0.100\", \"10.20.0.149\");",
            "public static readonly VipPool Own = new(Host: \"proxy.edge.lef\", Interface: \"ens18\", Network: \"10.20.0.0/24\", First: \"10.20.0.150\", Last: \"10.20.0.199\");"));
}
