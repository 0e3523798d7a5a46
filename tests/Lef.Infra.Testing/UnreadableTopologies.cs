using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Lef.Infra.Testing;

/// <summary>
/// Topologies whose deployed values would not be what their source says, or that hold records the reader cannot find. Written
/// once, in the analyzer tests' markup (<c>{|LEF0008:...|}</c> marks each report), so the analyzer tests and the emitter's
/// refusal tests check the same cases: the IDE reports each mark, and the emitter refuses with the same IDs and lines.
/// </summary>
public static class UnreadableTopologies
{
    public const string Pools = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Pools
        {
            public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
        }
        """;

    public const string Vips = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Vips
        {
            public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        }
        """;

    private const string Endpoint = """new(Name: "erp", Vip: Vips.Erp, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: Ports.SqlServer))""";

    /// <summary>Each case's extra file (name and markup source), added beside <see cref="Pools"/> and <see cref="Vips"/>.</summary>
    public static IReadOnlyDictionary<string, (string Name, string Markup)> Cases { get; } = new Dictionary<string, (string, string)>
    {
        ["static-constructor"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = ENDPOINT;
                static {|LEF0008:Endpoints|}() => Erp = Erp with { Backend = new Backend("attacker-01.example.com", 1433) };
            }
            """),
        ["object-initializer"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: 1433)) {|LEF0008:{ Port = 1434 }|};
            }
            """),
        ["object-initializer-on-a-vip"] = ("More.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class More
            {
                public static readonly Vip Other = new(Pool: Pools.Core, Address: "10.20.0.107", Alias: 7) {|LEF0008:{ Address = "10.20.0.101" }|};
                public static readonly Endpoint Erp = ENDPOINT;
            }
            """),
        ["module-initializer"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = ENDPOINT;
            }
            public static class Boot
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                public static void {|LEF0008:Run|}() => typeof(Endpoints).GetField("Erp")!.SetValue(null, null);
            }
            """),
        ["generic-class"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = ENDPOINT;
            }
            public static class G<T>
            {
                public static readonly Endpoint {|LEF0014:Hidden|} = new(Name: "hidden", Vip: Vips.Erp, Port: 1434, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-hidden.core.lef", Port: 1433));
            }
            public static class Outer<T>
            {
                public static class Inner
                {
                    public static readonly Endpoint {|LEF0014:Deeper|} = new(Name: "deeper", Vip: Vips.Erp, Port: 1435, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-deeper.core.lef", Port: 1433));
                }
            }
            """),
        ["fields-of-other-types"] = ("Endpoints.cs", """
            using System;
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = ENDPOINT;
                public static readonly object AsObject = {|LEF0014:new Endpoint(Name: "a", Vip: Vips.Erp, Port: 1441, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-a.core.lef", Port: 1433))|};
                public static readonly Endpoint[] AsArray = [{|LEF0014:new(Name: "b", Vip: Vips.Erp, Port: 1442, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-b.core.lef", Port: 1433))|}];
                public static readonly Lazy<Endpoint> AsLazy = new(() => {|LEF0014:new Endpoint(Name: "c", Vip: Vips.Erp, Port: 1443, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-c.core.lef", Port: 1433))|});
                public static readonly (Endpoint, int) AsTuple = ({|LEF0014:new Endpoint(Name: "d", Vip: Vips.Erp, Port: 1444, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-d.core.lef", Port: 1433))|}, 1);
            }
            """),
        // A conversion by a user-defined operator is code: its result is whatever the operator returns, which no reader runs.
        ["user-defined-conversion-to-a-vip"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public sealed class Holder
            {
                public static implicit operator Vip(Holder holder) => Vips.Erp;
            }
            public static class Holders
            {
                public static readonly Holder Lab = new();
            }
            public static class Endpoints
            {
                public static readonly Endpoint Erp = new(Name: "erp", Vip: {|LEF0008:Holders.Lab|}, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: Ports.SqlServer));
            }
            """),
        ["user-defined-conversion-to-a-view"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class DnsViews
            {
                public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8"], Kind: ViewKind.Internal);
            }
            public sealed class Holder
            {
                public static implicit operator DnsView(Holder holder) => DnsViews.Internal;
            }
            public static class Holders
            {
                public static readonly Holder Lab = new();
            }
            public static class Endpoints
            {
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: Ports.SqlServer), Views: [DnsViews.Internal, {|LEF0008:Holders.Lab|}]);
            }
            """),
        // keepalived's writer took any fail-back but Stay for Preempt.
        ["undefined-fail-back"] = ("Pairs.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Pairs
            {
                public static readonly ProxyPair Core = new(Name: "proxy-core", First: new PairNode(Host: "proxy-a.core.lef", Address: "10.20.0.11", Priority: 150), Second: new PairNode(Host: "proxy-b.core.lef", Address: "10.20.0.12", Priority: 100), Interface: "ens18", VirtualRouterId: 51, AdvertIntervalMs: 300, UnicastPeers: ["10.20.0.11", "10.20.0.12"], FailBack: {|LEF0008:(FailBack)7|});
            }
            """),
        // C# runs a class's initializers in order: at run time V.Pool and E.Vip would be null, though the reader reads them.
        ["declared-further-down"] = ("Late.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Late
            {
                public static readonly Vip V = new(Pool: {|LEF0008:LatePool|}, Address: "10.50.0.10", Alias: 1);
                public static readonly Endpoint E = new(Name: "late", Vip: V, Port: 2300, Engine: Engine.Tcp, Backend: new Backend(Host: "b.core.lef", Port: 2300));
                public static readonly VipPool LatePool = new(Host: "proxy.late.lef", Interface: "ens20", Network: "10.50.0.0/24", First: "10.50.0.10", Last: "10.50.0.20");
                public static readonly Endpoint Early = new(Name: "early", Vip: {|LEF0008:Later|}, Port: 2301, Engine: Engine.Tcp, Backend: new Backend(Host: "b.core.lef", Port: 2301));
                public static readonly Vip Later = new(Pool: LatePool, Address: "10.50.0.11", Alias: 2);
                public static readonly Endpoint Erp = ENDPOINT;
            }
            """),
        // C# lets any field initializer of a class assign its static readonly fields, as its static constructor may.
        ["assigned-by-another-initializer"] = ("More.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class More
            {
                public static readonly Vip Other = new(Pool: Pools.Core, Address: "10.20.0.107", Alias: 7);
                public static readonly Vip Spare = new(Pool: Pools.Core, Address: "10.20.0.108", Alias: 8);
                private static readonly bool Moved = ({|LEF0008:Other|} = Spare) is not null;
                private static readonly bool Passed = Set(ref {|LEF0008:Spare|});
                private static readonly (Vip, Vip) Swapped = ({|LEF0008:Other|}, {|LEF0008:Spare|}) = (Spare, Other);
                public static readonly Endpoint Erp = ENDPOINT;
                private static bool Set(ref Vip vip) => vip is null;
            }
            """),
        ["conditional-compilation"] = ("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
            {|LEF0008:#if DEBUG|}
                public static readonly Endpoint Erp = ENDPOINT;
            #else
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: 1434, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-02.core.lef", Port: 1433));
            #endif
            }
            """),
    }.ToDictionary(c => c.Key, c => (c.Value.Item1, c.Value.Item2.Replace("ENDPOINT", Endpoint)));

    /// <summary>The source without its marks, as the emitter gets it.</summary>
    public static string Plain(string markup) => Regex.Replace(markup, @"\{\|LEF\d{4}:|\|\}", string.Empty);

    /// <summary>Each mark's rule and 1-based line, in the order written.</summary>
    public static IReadOnlyList<(string RuleId, int Line)> Marks(string markup) =>
        markup.Split('\n')
            .SelectMany((line, index) => Regex.Matches(line, @"\{\|(LEF\d{4}):").Select(m => (m.Groups[1].Value, index + 1)))
            .ToList();
}
