extern alias analyzers;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using DslSymbols = analyzers::Lef.Infra.Analyzers.Reading.DslSymbols;
using ModelDump = analyzers::Lef.Infra.Dsl.Model.ModelDump;
using TopologyReader = analyzers::Lef.Infra.Analyzers.Reading.TopologyReader;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The reader reads fields written the plain way from their syntax, binding only names, and leaves the rest to the binder.
/// Whatever it reads must be exactly what the binder alone reads: the same model, site for site, and the same reports.
/// </summary>
public sealed class PlainReadingTests
{
    public static TheoryData<string> Topologies => new("shipped", "test", "generated", "unusual", "broken", "file-local", "file-local-last", "shadowing", "private-member", "static-struct", "enum-clash", "one-file-two-meanings", "type-names", "trust", "pair", "cluster", "cluster-unusual");

    [Theory]
    [MemberData(nameof(Topologies))]
    public void The_syntax_reader_reads_what_the_binder_reads(string topology)
    {
        var compilation = Analysis.Compile(Sources(topology));
        var dsl = DslSymbols.TryCreate(compilation)!;

        var (fromSyntax, syntaxViolations, _) = TopologyReader.Read(compilation, dsl, CancellationToken.None);
        var (fromBinder, binderViolations, _) = TopologyReader.Read(compilation, dsl, CancellationToken.None, plain: false);

        Assert.Equal(ModelDump.Write(fromBinder, withArgumentSites: true), ModelDump.Write(fromSyntax, withArgumentSites: true));
        Assert.Equal(Formatted(binderViolations), Formatted(syntaxViolations));
        Assert.NotEmpty(fromBinder.Endpoints);
    }

    [Fact]
    public void A_pair_and_its_pools_are_read_plainly_whichever_constructor_they_call()
    {
        // Both VipPool constructors, named and positional, and a pair with its nodes in place: no field is left to the binder.
        var compilation = Analysis.Compile(Sources("pair"));
        var dsl = DslSymbols.TryCreate(compilation)!;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var reading = analyzers::Lef.Infra.Analyzers.Reading.TreeReader.Read(compilation, tree, dsl, 1, plain: true, CancellationToken.None);
            Assert.Empty(reading.Unproven);
            Assert.Empty(reading.Violations);
        }

        var dump = ModelDump.Write(TopologyReader.Read(compilation, dsl, CancellationToken.None).Model);
        Assert.Contains("pool host= pair=PairTopology.Pairs.Core interface=ens18 network=10.20.0.0/24", dump);
        Assert.Contains("pool host=proxy.edge.lef interface=ens18", dump);
        Assert.Contains("pair name=proxy-core first=proxy-a.core.lef/10.20.0.11/150 second=proxy-b.core.lef/10.20.0.12/100 interface=ens18 vrid=51 advert-ms=300 "
            + "peers=[10.20.0.11,10.20.0.12] fail-back=Preempt", dump);
    }

    [Fact]
    public void A_cluster_and_its_nodes_are_read_plainly_and_endpoints_by_either_constructor()
    {
        var compilation = Analysis.Compile(Sources("cluster"));
        var dsl = DslSymbols.TryCreate(compilation)!;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var reading = analyzers::Lef.Infra.Analyzers.Reading.TreeReader.Read(compilation, tree, dsl, 1, plain: true, CancellationToken.None);
            Assert.Empty(reading.Unproven);
            Assert.Empty(reading.Violations);
        }

        var dump = ModelDump.Write(TopologyReader.Read(compilation, dsl, CancellationToken.None).Model);
        Assert.Contains("cluster name=orders engine=PostgreSql check=PatroniRest on-marked-down= nodes=[pg-orders-1.core.lef:5432/8008,pg-orders-2.core.lef:5432/8008,10.20.1.33:5432/8008]", dump);
        Assert.Contains("cluster name=queue engine=Tcp check=None on-marked-down= nodes=[mq-1.core.lef:5672/?,mq-2.core.lef:5672/?]", dump);
        Assert.Contains("endpoint name=orders-ro vip=ClusterTopology.Vips.OrdersRead port=5432 engine= backend=:? views=(internal) cluster=ClusterTopology.Clusters.Orders role=Replica max-lag=16777216", dump);
        Assert.Contains("endpoint name=erp vip=ClusterTopology.Vips.Erp port=1433 engine=SqlServer backend=sql-erp-01.core.lef:1433 views=(internal)\n", dump.Replace("\r", string.Empty) + "\n");
    }

    [Fact]
    public void Cluster_nodes_not_written_in_place_are_refused_where_they_are_written()
    {
        var compilation = Analysis.Compile(Sources("cluster-unusual"));
        var (model, violations, _) = TopologyReader.Read(compilation, DslSymbols.TryCreate(compilation)!, CancellationToken.None);
        var messages = Formatted(violations).ToList();
        Assert.Contains(messages, m => m.Contains("LEF0008: Nodes[1] of Clusters.OneFromAField must be written in place as new ClusterNode(...)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("LEF0008: Nodes of Clusters.FromAField must be a list written out in place", StringComparison.Ordinal));
        Assert.Equal(2, model.Clusters.Single(c => c.Field == "Clusters.AsArray").Nodes!.Count);
        Assert.Equal("pg-2.core.lef", model.Clusters.Single(c => c.Field == "Clusters.AsArray").Nodes![1].Host);
        Assert.Equal(8008, model.Clusters.Single(c => c.Field == "Clusters.Positional").Nodes![0].CheckPort);
    }

    [Theory]
    [InlineData("generated")]
    [InlineData("file-local")]
    [InlineData("shadowing")]
    [InlineData("private-member")]
    public void Files_read_on_every_core_give_the_same_model_every_time(string topology)
    {
        // Workers share where names are bound and what they meant; whichever file asks first, and whichever worker reads a
        // file, the model and the reports must not change. Each round is a new compilation, so nothing is reused.
        var sources = Sources(topology);
        var first = Analysis.Compile(sources);
        var expected = ReadAll(first, fromSyntax: false);
        Assert.Equal(expected, ReadAll(first, fromSyntax: true));
        for (var round = 0; round < 12; round++)
        {
            Assert.Equal(expected, ReadAll(Analysis.Compile(sources), fromSyntax: true));
        }
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("test")]
    [InlineData("generated")]
    public void A_keystroke_inside_an_initializer_reads_only_the_edited_file_again(string topology)
    {
        var compilation = Analysis.Compile(Sources(topology));
        var dsl = DslSymbols.TryCreate(compilation)!;
        var (_, _, first) = ReadAsTheIdeDoes(compilation);

        // An endpoint's name literal gets one more letter: no declaration changes, so every other file's reading holds.
        var (edited, literal) = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ArgumentSyntax>().Select(a => (Tree: t, Argument: a)))
            .Where(x => x.Argument.NameColon?.Name.Identifier.ValueText == "Name" && x.Argument.Expression is LiteralExpressionSyntax)
            .Select(x => (x.Tree, x.Argument.Expression))
            .First();
        var text = edited.GetText().ToString();
        var at = literal.SpanStart + 1;
        var next = compilation.ReplaceSyntaxTree(edited, Analysis.Parse(edited.FilePath, text.Insert(at, "x")));
        var (model, _, second) = TopologyReader.Read(next, DslSymbols.TryCreate(next)!, CancellationToken.None);

        var trees = next.SyntaxTrees.ToList();
        for (var i = 0; i < trees.Count; i++)
        {
            Assert.True(ReferenceEquals(first[i], second[i]) == (trees[i].FilePath != edited.FilePath), trees[i].FilePath);
        }

        Assert.Contains(model.Endpoints.Select(e => e.Name).Concat(model.Views.Select(v => v.Name)), name => name is not null && name.StartsWith('x'));
        Assert.Equal(ReadAll(next, fromSyntax: false), ReadAll(next, fromSyntax: true));
    }

    [Fact]
    public void Renaming_a_pool_reads_every_file_again()
    {
        var compilation = Analysis.Compile(Sources("generated"));
        var (_, _, first) = ReadAsTheIdeDoes(compilation);
        var pools = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Pools.cs");
        var next = compilation.ReplaceSyntaxTree(pools, Analysis.Parse(pools.FilePath, pools.GetText().ToString().Replace("VipPool Core", "VipPool Core2", StringComparison.Ordinal)));
        var (model, violations, second) = TopologyReader.Read(next, DslSymbols.TryCreate(next)!, CancellationToken.None);

        Assert.All(second, reading => Assert.DoesNotContain(reading, first));
        Assert.All(model.Vips, vip => Assert.Null(vip.PoolKey));
        Assert.Equal(ReadAll(next, fromSyntax: false), ReadAll(next, fromSyntax: true));
        Assert.DoesNotContain(violations, v => v.RuleId != "LEF0008");
    }

    [Fact]
    public void Changing_a_constant_reads_again_the_files_that_used_it()
    {
        var sources = new[]
        {
            ("/src/Pools.cs", Verify.Pools),
            ("/src/Numbers.cs", "namespace Topology;\npublic static class Numbers\n{\n    public const int Alias = 1;\n}\n"),
            Verify.File("/src/Vips.cs", "Vips", "public static readonly Vip A = new(Pool: Pools.Core, Address: \"10.20.0.101\", Alias: Numbers.Alias);"),
        };
        var compilation = Analysis.Compile(sources);
        var (_, _, first) = ReadAsTheIdeDoes(compilation);
        var numbers = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Numbers.cs");
        var next = compilation.ReplaceSyntaxTree(numbers, Analysis.Parse(numbers.FilePath, numbers.GetText().ToString().Replace("= 1;", "= 7;", StringComparison.Ordinal)));
        var (model, _, second) = TopologyReader.Read(next, DslSymbols.TryCreate(next)!, CancellationToken.None);

        Assert.Equal(7, Assert.Single(model.Vips).Alias);
        Assert.NotSame(first[2], second[2]);
        Assert.Same(first[0], second[0]);
    }

    [Theory]
    [InlineData("Numbers.Alias", "Base.Alias + 1")]
    [InlineData("Numbers.Alias + 0", "Base.Alias + 1")]
    [InlineData("Numbers.Alias", "(int)Kind.First + 1")]
    [InlineData("Numbers.Alias", "(int)Kind.Second")]
    [InlineData("(int)Kind.Second", "0")]
    public void Changing_a_constant_that_a_used_constant_names_reads_again_the_files_that_used_it(string alias, string numbers)
    {
        // Vips.cs takes Numbers.Alias (or an enum member), whose value is in Base.cs: an edit there changes what Vips.cs
        // declares. Read plainly (a name) and by the binder (an expression); through a const, an enum member's value, and
        // the member after it, which has no value of its own.
        var sources = new[]
        {
            ("/src/Pools.cs", Verify.Pools),
            ("/src/Base.cs", "namespace Topology;\npublic static class Base\n{\n    public const int Alias = 1;\n}\n"),
            ("/src/Kinds.cs", "namespace Topology;\npublic enum Kind\n{\n    First = Base.Alias,\n    Second,\n}\n"),
            ("/src/Numbers.cs", "namespace Topology;\npublic static class Numbers\n{\n    public const int Alias = " + numbers + ";\n}\n"),
            Verify.File("/src/Vips.cs", "Vips", "public static readonly Vip A = new(Pool: Pools.Core, Address: \"10.20.0.101\", Alias: " + alias + ");"),
        };
        var compilation = Analysis.Compile(sources);
        ReadAsTheIdeDoes(compilation);
        var based = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Base.cs");
        var next = compilation.ReplaceSyntaxTree(based, Analysis.Parse(based.FilePath, based.GetText().ToString().Replace("= 1;", "= 6;", StringComparison.Ordinal)));
        var (model, _, _) = TopologyReader.Read(next, DslSymbols.TryCreate(next)!, CancellationToken.None);

        Assert.Equal(7, Assert.Single(model.Vips).Alias);
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("unusual")]
    [InlineData("file-local")]
    [InlineData("shadowing")]
    [InlineData("private-member")]
    public void The_syntax_reader_reads_what_the_binder_reads_in_half_typed_code(string topology)
    {
        // Every mutation of every file (the analyzer's own mutation test's): broken code is what an IDE reads most.
        var baseline = Analysis.Compile(Sources(topology));
        var failures = new List<string>();
        var variants = 0;
        foreach (var tree in baseline.SyntaxTrees.ToList())
        {
            foreach (var text in MutationTests.Mutations(tree))
            {
                variants++;
                var compilation = baseline.ReplaceSyntaxTree(tree, Analysis.Parse(tree.FilePath, text));
                var dsl = DslSymbols.TryCreate(compilation)!;
                var (fromSyntax, syntaxViolations, _) = TopologyReader.Read(compilation, dsl, CancellationToken.None);
                var (fromBinder, binderViolations, _) = TopologyReader.Read(compilation, dsl, CancellationToken.None, plain: false);
                var expected = ModelDump.Write(fromBinder, withArgumentSites: true) + string.Join("\n", Formatted(binderViolations));
                var actual = ModelDump.Write(fromSyntax, withArgumentSites: true) + string.Join("\n", Formatted(syntaxViolations));
                if (expected != actual && failures.Count < 5)
                {
                    var binderOnly = expected.Split('\n').Except(actual.Split('\n'));
                    var syntaxOnly = actual.Split('\n').Except(expected.Split('\n'));
                    var original = tree.GetText().ToString();
                    var from = 0;
                    while (from < Math.Min(original.Length, text.Length) && original[from] == text[from])
                    {
                        from++;
                    }

                    var change = "at " + from + ": '" + original.Substring(from, Math.Min(40, original.Length - from)) + "' became '" + text.Substring(from, Math.Min(40, text.Length - from)) + "'";
                    failures.Add("--- variant of " + tree.FilePath + " " + change + " ---\n--- binder only ---\n" + string.Join("\n", binderOnly) + "\n--- syntax only ---\n" + string.Join("\n", syntaxOnly));
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(variants > 300, "expected more than 300 variants, got " + variants);
    }

    /// <summary>
    /// A compilation read twice: a build's first reading keeps no declaration shape (its trees are new, nothing to compare),
    /// so the IDE's readings become reusable from the second compilation that shares a tree.
    /// </summary>
    private static (analyzers::Lef.Infra.Dsl.Model.TopologyModel, IReadOnlyList<analyzers::Lef.Infra.Dsl.Checking.Violation>, IReadOnlyList<analyzers::Lef.Infra.Analyzers.Reading.TreeReading>) ReadAsTheIdeDoes(Compilation compilation)
    {
        var dsl = DslSymbols.TryCreate(compilation)!;
        var (_, _, once) = TopologyReader.Read(compilation, dsl, CancellationToken.None);
        var twice = TopologyReader.Read(compilation, dsl, CancellationToken.None);
        Assert.All(once, reading => Assert.DoesNotContain(reading, twice.Readings));
        return twice;
    }

    private static string ReadAll(Compilation compilation, bool fromSyntax)
    {
        var (model, violations, _) = TopologyReader.Read(compilation, DslSymbols.TryCreate(compilation)!, CancellationToken.None, plain: fromSyntax);
        return ModelDump.Write(model, withArgumentSites: true) + string.Join("\n", Formatted(violations));
    }

    private static IEnumerable<string> Formatted(IReadOnlyList<analyzers::Lef.Infra.Dsl.Checking.Violation> violations) =>
        analyzers::Lef.Infra.Dsl.Checking.TopologyRules.Sort(violations).Select(v => v.Format(v.Site.Path));

    internal static (string Path, string Source)[] Sources(string topology) => topology switch
    {
        "shipped" => Directory(RepoPaths.Topology),
        "test" => Directory(Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.TestTopology")),
        "pair" => Directory(Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.PairTopology")),
        "cluster" => Directory(Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.ClusterTopology")),
        // Nodes written as arrays, positionally, one not in place, a list that is a field: the binder's, read the same way.
        "cluster-unusual" => [("/src/Pools.cs", Verify.Pools), ("/src/Clusters.cs", UnusualClusters)],
        "generated" => Generated(120),
        "unusual" => [("/src/Pools.cs", Verify.Pools), ("/src/Unusual.cs", Unusual)],
        "broken" => [("/src/Pools.cs", Verify.Pools), ("/src/Broken.cs", Broken)],
        // The same names in two files with the same namespace and usings, but one file declares its own (file-local) Ports
        // and Pools: in that file, and only there, they mean its own. Read in either order.
        "file-local" => [("/src/Pools.cs", Verify.Pools), ("/src/A.cs", FileLocal), ("/src/B.cs", UsesShared)],
        "file-local-last" => [("/src/Pools.cs", Verify.Pools), ("/src/A.cs", UsesShared), ("/src/B.cs", FileLocal)],
        // Files of one namespace and usings share where their names are bound; the first class to bind declares Ports and
        // SharedVips itself, which must not change what they mean in the next file.
        "shadowing" => [("/src/Pools.cs", Verify.Pools), ("/src/A.cs", Shadowing), ("/src/B.cs", UsesShared)],
        // Half-typed: a struct marked static (CS0106) holding a record. Its names are bound at its own header, as a class's.
        "static-struct" => [("/src/Odd.cs", StaticStruct), ("/src/Pools.cs", Verify.Pools), ("/src/B.cs", UsesShared)],
        // Half-typed: an enum with a class's full name (CS0101). Unlike two classes, which the compiler merges into one type
        // with two Core fields, an enum and a class make the name Pools itself ambiguous, to the syntax reader's binding too.
        "enum-clash" => [("/src/Pools.cs", Verify.Pools), ("/src/Clash.cs", EnumClash), ("/src/B.cs", UsesShared)],
        // A private pool, named first inside its own class (where it is accessible), then from another class (where it is not).
        "private-member" => [("/src/Pools.cs", Verify.Pools), ("/src/A.cs", PrivateMember), ("/src/B.cs", UsesPrivateMember)],
        // One file writes Ports.SqlServer in three classes, and it means the class's own nested Ports in the first and last:
        // what a name meant in one class of a file is not what it means in the next (the resolver's per-file answers).
        "one-file-two-meanings" => [("/src/Pools.cs", Verify.Pools), ("/src/Ports.cs", OneFileTwoMeanings)],
        // A record's name looked up, not bound (NameResolver.LookedUp): shadowed by a closer type, a private nested one, a
        // generic of the same name, or ambiguous between two usings, it must mean what the binder says.
        "type-names" => [("/src/Pools.cs", Verify.Pools), ("/src/Other.cs", OtherTypes), ("/src/TypeNames.cs", TypeNames), ("/src/Ambiguous.cs", AmbiguousTypeNames)],
        // Names the plain reading takes on trust as keys, each of which the binder must be asked about instead: a field of the
        // wrong record, a mutable or instance field, a private or protected one, one in a private class, one declared twice.
        "trust" => [("/src/Pools.cs", Verify.Pools), ("/src/Trust.cs", Trust)],
        _ => throw new ArgumentOutOfRangeException(nameof(topology)),
    };

    private const string UnusualClusters = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Clusters
        {
            private static readonly ClusterNode Spare = new("pg-3.core.lef", 5432, 8008);
            private static readonly ClusterNode[] Some = [new("pg-1.core.lef", 5432, 8008)];
            public static readonly Cluster AsArray = new(Name: "as-array", Engine: Engine.PostgreSql,
                Nodes: new[] { new ClusterNode("pg-1.core.lef", 5432, 8008), new ClusterNode(Port: 5432, Host: "pg-2.core.lef", CheckPort: 8008) }, Check: RoleCheck.PatroniRest);
            public static readonly Cluster Positional = new("positional", Engine.PostgreSql, [new("pg-1.core.lef", 5432, Ports.PatroniRest)], RoleCheck.PatroniRest, OnMarkedDown.ShutdownSessions);
            public static readonly Cluster OneFromAField = new(Name: "one-from-a-field", Engine: Engine.PostgreSql,
                Nodes: [new ClusterNode("pg-1.core.lef", 5432, 8008), Spare], Check: RoleCheck.PatroniRest);
            public static readonly Cluster FromAField = new(Name: "from-a-field", Engine: Engine.PostgreSql, Nodes: Some, Check: RoleCheck.PatroniRest);
        }
        public static class Vips
        {
            public static readonly Vip Orders = new(Pool: Pools.Core, Address: "10.20.0.110", Alias: 10);
        }
        public static class Endpoints
        {
            public static readonly Endpoint Orders = new("orders", Vips.Orders, Ports.PostgreSql, Clusters.AsArray, ClusterRole.Primary);
        }
        """;

    private static (string, string)[] Directory(string directory) =>
        System.IO.Directory.EnumerateFiles(directory, "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f)))
            .ToArray();

    /// <summary>Many files referencing each other, positional and named arguments, consts of three kinds.</summary>
    private static (string, string)[] Generated(int endpoints)
    {
        var files = new List<(string, string)> { ("/src/Pools.cs", Verify.Pools) };
        for (var team = 0; team * 10 < endpoints; team++)
        {
            var vips = new List<string>();
            var eps = new List<string> { "private const int Ledger = 3050;" };
            for (var i = team * 10; i < Math.Min(endpoints, (team + 1) * 10); i += 2)
            {
                var vip = "V" + i;
                vips.Add(i % 4 == 0
                    ? $"public static readonly Vip {vip} = new(Pools.Core, \"10.20.0.{100 + (i / 2)}\", {1 + (i / 2)});"
                    : $"public static readonly Vip {vip} = new(Pool: Pools.Core, Address: \"10.20.0.{100 + (i / 2)}\", Alias: {1 + (i / 2)});");
                eps.Add($"public static readonly Endpoint E{i} = new(\"e{i}\", Team{team}Vips.{vip}, Ports.SqlServer, Engine.SqlServer, new Backend(\"10.30.{team}.{i % 250 + 1}\", Ports.SqlServer));");
                eps.Add($"public static readonly Endpoint E{i + 1} = new(Name: \"e{i + 1}\", Vip: Team{team}Vips.{vip}, Port: Ledger, Engine: Engine.Tcp, Backend: new(Host: \"fb-{i}.core.lef\", Port: Ledger));");
            }

            files.Add(Verify.File($"/src/Vips/Team{team}.cs", $"Team{team}Vips", [.. vips]));
            files.Add(Verify.File($"/src/Endpoints/Team{team}.cs", $"Team{team}Endpoints", [.. eps]));
        }

        return [.. files];
    }

    /// <summary>Every way of writing a field the syntax reader must either read exactly or hand to the binder.</summary>
    private const string Unusual = """
        using Lef.Infra.Dsl;
        using V = Lef.Infra.Dsl.Vip;
        namespace Topology;
        public static class Addresses
        {
            public const string Erp = "10.20.0.101";
            public const int Base = 3000;
            public const int Derived = Base + 50;
            public const string Nothing = null;
        }
        public static class More
        {
            public static readonly Lef.Infra.Dsl.VipPool Qualified = new Lef.Infra.Dsl.VipPool("proxy.edge.lef", "ens19", "10.21.0.0/24", "10.21.0.10", "10.21.0.20");
        }
        public static class Vips
        {
            private const string Local = "10.20.0.102";
            public static readonly V Aliased = new V(Pools.Core, Local, 1);
            public static readonly Vip FromOtherClass = new(Pools.Core, Addresses.Erp, 2);
            public static readonly Vip Reordered = new(Address: "10.20.0.103", Pool: Pools.Core, Alias: 3);
            public static readonly Vip NonTrailing = new(Pool: Pools.Core, "10.20.0.104", 4);
            public static readonly Vip Folded = new(Pools.Core, "10.20.0." + "105", 5);
            public static readonly Vip FromMethod = new(Pools.Core, Address(), 6);
            public static readonly Vip Global = new(global::Topology.Pools.Core, "10.20.0.107", 7);
            public static readonly Vip Nullish = new(Pools.Core, Addresses.Nothing, 8);
            public static readonly Vip Parenthesized = new(Pools.Core, ("10.20.0.109"), 9);
            public static readonly Vip Explicit = new Vip(Pools.Core, "10.20.0.110", 10), Second = new(Pools.Core, "10.20.0.111", 11);
            public static readonly Vip SameClass = new(Pools.Core, "10.20.0.112", Vips.Twelve);
            private const int Twelve = 12;
            private static string Address() => "10.20.0.106";

            public static class Nested
            {
                public static readonly Vip Inner = new(More.Qualified, "10.21.0.11", 1);
            }
        }
        public static partial class Split
        {
            public static readonly Vip PartA = new(Pools.Core, "10.20.0.120", 20);
        }
        public partial class Split
        {
            public static readonly Vip PartB = new(Pools.Core, "10.20.0.121", 21);
        }
        public static class Generic<T>
        {
            public static readonly Vip InGeneric = new(Pools.Core, "10.20.0.122", 22);
        }
        public static class Backends
        {
            public static readonly Backend Shared = new("10.30.0.9", 5432);
        }
        public static class Endpoints
        {
            private const int Ledger = 3050;
            public static readonly Endpoint A = new("a", Vips.Aliased, Ports.SqlServer, Engine.SqlServer, new Backend("10.30.0.1", Ports.SqlServer));
            public static readonly Endpoint B = new(Name: "b", Vip: Vips.Reordered, Port: Ledger, Engine: Engine.Tcp, Backend: new(Host: "fb.core.lef", Port: Ledger));
            public static readonly Endpoint C = new(Name: "c", Vip: Vips.Nested.Inner, Port: Addresses.Derived, Engine: (Engine)2, Backend: new Backend(Host: $"pg{1}.core.lef", Port: 5432));
            public static readonly Endpoint D = new(Name: "d", Vip: Split.PartB, Port: -1, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg.core.lef", Port: 5432));
            public static readonly Endpoint E = new(Name: "e", Vip: Vips.Global, Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: Backends.Shared);
            public static readonly Endpoint F = new(Name: "f", Vip: Vips.FromMethod, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend("10.30.0.2", 1433)) { };
            public static readonly Endpoint G = new(Name: "g", Vip: Generic<int>.InGeneric, Port: 1433, Engine: Lef.Infra.Dsl.Engine.SqlServer, Backend: new Lef.Infra.Dsl.Backend("10.30.0.3", 1433));
            public static readonly Endpoint H = new(Name: "h", Vip: Vips.Second, Port: Base, Engine: Engine.Tcp, Backend: new Backend("10.30.0.4", Ledger));
            private const int Base = 4000;
            public static readonly Endpoint I = new("i", Vips.Explicit, 1433, Engine.SqlServer, new Backend("10.30.0.5", 1433), [Views.Inside, Views.Outside]);
            public static readonly Endpoint J = new(Name: "j", Vip: Vips.Explicit, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend("10.30.0.6", 5432), Views: null);
            public static readonly Endpoint K = new(Name: "k", Vip: Vips.SameClass, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend("10.30.0.7", 1433), Views: new[] { Views.Inside });
            public static readonly Endpoint L = new(Name: "l", Vip: Vips.SameClass, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend("10.30.0.8", 5432), Views: [Views.Inside, (Views.Outside)]);
            public static readonly Endpoint M = new(Name: "m", Vip: Vips.Folded, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend("10.30.0.9", 1433), Views: [Views.Inside, Views.Outside!]);
            public static readonly Endpoint N = new(Name: "n", Vip: Vips.Folded, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend("10.30.0.10", 5432), Views: []);
        }
        public static class Views
        {
            public static readonly DnsView Inside = new("inside", ["10.0.0.0/8", "192.168.0.0/16"], ViewKind.Internal);
            public static readonly DnsView Outside = new(Name: "outside", MatchClients: new[] { "any" }, Kind: ViewKind.External);
            public static readonly DnsView Spread = new("spread", [.. Lists.Clients], ViewKind.Internal);
            public static readonly DnsView FromField = new("fromfield", Lists.Clients, ViewKind.Internal);
            public static readonly DnsView Empty = new("empty", [], ViewKind.Internal);
            public static readonly DnsView WithNull = new("withnull", ["10.1.0.0/16", null!], ViewKind.Internal);
            public static readonly DnsView Typed = new("typed", new string[] { "10.2.0.0/16" }, (ViewKind)1);
        }
        public static class Lists
        {
            public static readonly string[] Clients = ["10.3.0.0/16"];
        }
        """;

    /// <summary>Code that does not compile: the syntax reader must not read more, or less, than the binder.</summary>
    private const string FileLocal = """
        using Lef.Infra.Dsl;
        namespace Topology;
        file static class Ports
        {
            public const int SqlServer = 14330;
        }
        file static class Pools
        {
            public static readonly VipPool Core = new(Host: "proxy.local.lef", Interface: "ens20", Network: "10.30.0.0/24", First: "10.30.0.100", Last: "10.30.0.199");
        }
        public static class LocalVips
        {
            public static readonly Vip Local = new(Pools.Core, "10.30.0.101", 1);
        }
        public static class LocalEndpoints
        {
            public static readonly Endpoint Local = new("local", LocalVips.Local, Ports.SqlServer, Engine.SqlServer, new Backend("10.0.9.1", Ports.SqlServer));
        }
        """;

    private const string Shadowing = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class ShadowVips
        {
            public static readonly Vip Shadow = new(Pools.Core, "10.20.0.150", 50);
            private const int Ports = 7;
            public static class SharedVips
            {
                public static readonly Vip Shared = new(Pools.Core, "10.20.0.151", 51);
            }
        }
        """;

    private const string OtherTypes = """
        namespace Other
        {
            public class Endpoint(string Name) { public string Name { get; } = Name; }
        }
        namespace Topology.Fake
        {
            public class Vip(int Id) { public int Id { get; } = Id; }
        }
        namespace Topology
        {
            public class Endpoint<T>;
        }
        """;

    private const string TypeNames = """
        using Lef.Infra.Dsl;
        namespace Topology.Fake;
        public static class FakeVips
        {
            // Topology.Fake.Vip, closer than the using's: not a topology record.
            public static readonly Vip NotDsl = new(1);
        }
        public static class HiddenVips
        {
            private sealed class Vip(object pool, string address, int alias);
            // The class's own private Vip, whatever the namespace and usings say.
            public static readonly Vip Hidden = new(null!, "10.20.0.170", 70);
        }
        public static class RealVips
        {
            // Lef.Infra.Dsl.VipPool and Lef.Infra.Dsl.Backend: nothing closer by these names.
            public static readonly Lef.Infra.Dsl.Vip Qualified = new(Pools.Core, "10.20.0.171", 71);
        }
        public static class GenericNamed
        {
            // Topology.Endpoint<T> is generic; with no type argument the name is Lef.Infra.Dsl's Endpoint.
            public static readonly Endpoint Plain = new("plain", RealVips.Qualified, Ports.PostgreSql, Engine.PostgreSql, new Backend("10.0.9.7", 5432));
        }
        """;

    private const string AmbiguousTypeNames = """
        using Lef.Infra.Dsl;
        using Other;
        namespace Topology;
        public static class AmbiguousEndpoints
        {
            // Other.Endpoint and Lef.Infra.Dsl.Endpoint: CS0104, the binder picks neither.
            public static readonly Endpoint Either = new("either", Fake.RealVips.Qualified, Ports.PostgreSql, Engine.PostgreSql, new Backend("10.0.9.8", 5432));
            public static readonly Backend Unambiguous = new("10.0.9.9", 5432);
        }
        """;

    private const string OneFileTwoMeanings = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class MemoVips
        {
            public static readonly Vip Erp = new(Pools.Core, "10.20.0.160", 60);
        }
        public static class LocalPorts
        {
            private static class Ports { public const int SqlServer = 14330; }
            public static readonly Endpoint Local = new("local", MemoVips.Erp, Ports.SqlServer, Engine.SqlServer, new Backend("10.0.9.4", Ports.SqlServer));
        }
        public static class SharedPorts
        {
            public static readonly Endpoint Shared = new("shared", MemoVips.Erp, Ports.SqlServer, Engine.SqlServer, new Backend("10.0.9.5", Ports.SqlServer));
        }
        public static class LocalAgain
        {
            private static class Ports { public const int SqlServer = 14331; }
            public static readonly Endpoint Again = new("again", MemoVips.Erp, Ports.SqlServer, Engine.SqlServer, new Backend("10.0.9.6", Ports.SqlServer));
        }
        """;

    private const string PrivateMember = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Secrets
        {
            static readonly VipPool Secret = new(Host: "proxy.secret.lef", Interface: "ens21", Network: "10.40.0.0/24", First: "10.40.0.100", Last: "10.40.0.199");
            public static readonly Vip Own = new(Secrets.Secret, "10.40.0.101", 1);
        }
        """;

    private const string UsesPrivateMember = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Leaks
        {
            public static readonly Vip Leak = new(Secrets.Secret, "10.40.0.102", 2);
            public static readonly Endpoint Uses = new("uses", Leak, 5432, Engine.PostgreSql, new Backend("10.0.9.3", 5432));
        }
        """;

    private const string StaticStruct = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static struct Odd
        {
            public static readonly Vip Inside = new(Pools.Core, "10.20.0.160", 60);
        }
        """;

    private const string EnumClash = """
        namespace Topology;
        public enum Pools { Other }
        public delegate void Handler();
        """;

    private const string Trust = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Odd
        {
            public static readonly Vip A = new(Pools.Core, "10.20.0.101", 1);
            public static Vip Mutable = new(Pools.Core, "10.20.0.102", 2);
            private static readonly Vip Hidden = new(Pools.Core, "10.20.0.103", 3);
            private static class Inner
            {
                public static readonly Vip Deep = new(Pools.Core, "10.20.0.104", 4);
            }
            public static readonly Vip Twice = new(Pools.Core, "10.20.0.105", 5);
            public static readonly Vip Twice = new(Pools.Core, "10.20.0.106", 6);
        }
        public static class Uses
        {
            public static readonly Vip WrongRecord = new(Odd.A, "10.20.0.110", 10);
            public static readonly Endpoint PoolAsVip = new("p", Pools.Core, 1433, Engine.SqlServer, new Backend("10.0.9.2", 1433));
            public static readonly Endpoint ToMutable = new("m", Odd.Mutable, 1433, Engine.SqlServer, new Backend("10.0.9.2", 1433));
            public static readonly Endpoint ToHidden = new("h", Odd.Hidden, 1434, Engine.SqlServer, new Backend("10.0.9.2", 1433));
            public static readonly Endpoint ToDeep = new("d", Odd.Inner.Deep, 1435, Engine.SqlServer, new Backend("10.0.9.2", 1433));
            public static readonly Endpoint ToTwice = new("t", Odd.Twice, 1436, Engine.SqlServer, new Backend("10.0.9.2", 1433));
            public static readonly Endpoint ToMissing = new("x", Odd.Missing, 1437, Engine.SqlServer, new Backend("10.0.9.2", 1433));
            public static readonly Endpoint ToA = new("a", Odd.A, 1438, Engine.SqlServer, new Backend("10.0.9.2", 1433));
        }
        """;

    private const string UsesShared = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class SharedVips
        {
            public static readonly Vip Shared = new(Pools.Core, "10.20.0.101", 1);
        }
        public static class SharedEndpoints
        {
            public static readonly Endpoint Shared = new("shared", SharedVips.Shared, Ports.SqlServer, Engine.SqlServer, new Backend("10.0.9.2", Ports.SqlServer));
        }
        """;

    private const string Broken = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Vips
        {
            private static readonly Vip Hidden = new(Pools.Core, "10.20.0.101", 1);
            public static readonly Vip Erp = new(Pools.Core, "10.20.0.102", 2);
            public static readonly Vip Typo = new(Pools.Core, 10, 3);
            public static readonly Vip Short = new(Pools.Core, "10.20.0.104");
            public static readonly Vip Extra = new(Pools.Core, "10.20.0.105", 5, 6);
            public static readonly Vip Unknown = new(Pools.Missing, "10.20.0.106", 6);
            public static readonly Vip Twice = new(Pools.Core, "10.20.0.107", Alias: 7, Alias: 8);
        }
        public static class Endpoints
        {
            public static readonly Endpoint A = new("a", Vips.Missing, 1433, Engine.SqlServer, new Backend("10.30.0.1", 1433));
            public static readonly Endpoint B = new("b", OtherVips.Hidden, 1433, Engine.SqlServer, new Backend("10.30.0.2", 1433));
            public static readonly Endpoint C = new("c", Vips.Erp, "1433", Engine.SqlServer, new Backend("10.30.0.3", 1433));
            public static readonly Endpoint D = new("d", Pools.Core, 1433, Engine.SqlServer, new Backend("10.30.0.4", 1433));
            public static readonly Endpoint E = new("e", Vips.Erp, 1433, Engine.Nope, new Backend("10.30.0.5", 1433));
            public static readonly Endpoint F = new("f", Vips.Erp, 5432, Engine.PostgreSql, new Backend("10.30.0.6"));
        }
        public static class OtherVips
        {
            private static readonly Vip Hidden = new(Pools.Core, "10.20.0.110", 10);
        }
        """;
}
