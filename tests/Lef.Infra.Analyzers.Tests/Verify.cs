extern alias analyzers;

using System.Threading.Tasks;
using analyzers::Lef.Infra.Analyzers;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// Runs the analyzer on a set of files written with markup: <c>{|LEF0001:"10.20.0.101"|}</c> marks where a diagnostic must be
/// reported. Every diagnostic the analyzer reports must be marked, and every mark must be reported.
/// </summary>
internal static class Verify
{
    /// <summary>The pool most tests use: proxy.core.lef, 10.20.0.0/24, VIPs from .100 to .199.</summary>
    public const string Pools = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Pools
        {
            public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
        }
        """;

    /// <summary>Every rule but LEF0012 (unused VIP), which small samples would trip everywhere; its own tests use <see cref="AnalyzerWithUnusedVips"/>.</summary>
    public static Task Analyzer(params (string Name, string Source)[] files) => Run(files, "LEF0012");

    public static Task AnalyzerWithUnusedVips(params (string Name, string Source)[] files) => Run(files);

    /// <summary>An endpoint field on the given VIP and port, for samples that need one.</summary>
    public static string Endpoint(string field, string name, string vip, string port = "Ports.PostgreSql", string engine = "Engine.PostgreSql", string backend = "\"pg.core.lef\"", string backendPort = "5432") =>
        $"public static readonly Endpoint {field} = new(Name: {name}, Vip: {vip}, Port: {port}, Engine: {engine}, Backend: new Backend(Host: {backend}, Port: {backendPort}));";

    /// <summary>
    /// A ProxyPair field, every argument a C# expression (markup allowed): by default proxy-a (150) and proxy-b (100) on
    /// ens18, VRID 51, advert every 300 ms, each other's peers, fail-back preempt.
    /// </summary>
    public static string Pair(
        string field, string name = "\"proxy-core\"", string firstHost = "\"proxy-a.core.lef\"", string firstAddress = "\"10.20.0.11\"", string firstPriority = "150",
        string secondHost = "\"proxy-b.core.lef\"", string secondAddress = "\"10.20.0.12\"", string secondPriority = "100", string parentInterface = "\"ens18\"",
        string routerId = "51", string advertMs = "300", string peers = "[\"10.20.0.11\", \"10.20.0.12\"]") =>
        $"public static readonly ProxyPair {field} = new(Name: {name}, First: new PairNode(Host: {firstHost}, Address: {firstAddress}, Priority: {firstPriority}), "
        + $"Second: new PairNode(Host: {secondHost}, Address: {secondAddress}, Priority: {secondPriority}), Interface: {parentInterface}, VirtualRouterId: {routerId}, "
        + $"AdvertIntervalMs: {advertMs}, UnicastPeers: {peers}, FailBack: FailBack.Preempt);";

    /// <summary>A Cluster field, every argument a C# expression (markup allowed): by default two Patroni nodes pg-1 and pg-2 (5432, REST on 8008).</summary>
    public static string Cluster(
        string field, string name = "\"orders\"", string engine = "Engine.PostgreSql", string? nodes = null, string check = "RoleCheck.PatroniRest", string? onMarkedDown = null) =>
        $"public static readonly Cluster {field} = new(Name: {name}, Engine: {engine}, "
        + $"Nodes: {nodes ?? "[new ClusterNode(Host: \"pg-1.core.lef\", Port: 5432, CheckPort: 8008), new ClusterNode(Host: \"pg-2.core.lef\", Port: 5432, CheckPort: 8008)]"}, "
        + $"Check: {check}" + (onMarkedDown is null ? string.Empty : ", OnMarkedDown: " + onMarkedDown) + ");";

    /// <summary>An endpoint field on a cluster.</summary>
    public static string ClusterEndpoint(string field, string name, string vip, string cluster, string role = "ClusterRole.Primary", string port = "Ports.PostgreSql", string? maxLag = null) =>
        $"public static readonly Endpoint {field} = new(Name: {name}, Vip: {vip}, Port: {port}, Cluster: {cluster}, Role: {role}"
        + (maxLag is null ? string.Empty : ", MaxLagBytes: " + maxLag) + ");";

    /// <summary>One VIP, Vips.Orders at 10.20.0.110 (alias 10), for cluster samples.</summary>
    public static (string Name, string Source) OrdersVip => File("Vips.cs", "Vips", "public static readonly Vip Orders = new(Pool: Pools.Core, Address: \"10.20.0.110\", Alias: 10);");

    private static Task Run((string Name, string Source)[] files, params string[] disabled)
    {
        var test = new CSharpAnalyzerTest<TopologyAnalyzer, DefaultVerifier>
        {
            // The running framework's assemblies: nothing is downloaded.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.DisabledDiagnostics.AddRange(disabled);
        test.TestState.AdditionalReferences.AddRange(FrameworkReferences.WithDsl);
        foreach (var (name, source) in files)
        {
            test.TestState.Sources.Add((name, source));
        }

        return test.RunAsync();
    }

    /// <summary>A file holding one static class with the given fields.</summary>
    public static (string Name, string Source) File(string name, string className, params string[] fields) =>
        (name, "using Lef.Infra.Dsl;\nnamespace Topology;\npublic static class " + className + "\n{\n    " + string.Join("\n    ", fields) + "\n}\n");
}
