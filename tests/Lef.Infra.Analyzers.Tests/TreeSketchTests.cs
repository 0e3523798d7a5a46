extern alias analyzers;

using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Xunit;
using FieldSketch = analyzers::Lef.Infra.Analyzers.FieldSketch;
using TreeSketch = analyzers::Lef.Infra.Analyzers.TreeSketch;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// A build sketches a plain field from its text (no syntax node below its declaration) and anything else from its syntax.
/// Whichever way, the sketch must be the same: every field's names, sites, flags, types and initializer, the scope it is
/// in, every declared name with its hash, the loose creations. Compared on whole files, including half-typed ones.
/// </summary>
public sealed class TreeSketchTests
{
    public static TheoryData<string> Topologies => new(
        "shipped", "test", "generated", "unusual", "broken", "file-local", "shadowing", "private-member", "static-struct", "enum-clash", "one-file-two-meanings");

    [Theory]
    [MemberData(nameof(Topologies))]
    public void A_file_sketched_from_its_text_is_sketched_as_from_its_syntax(string topology)
    {
        var scanned = 0;
        foreach (var (path, source) in SyntaxReaderParityTests.Sources(topology))
        {
            var (fromText, fromSyntax) = Sketches(path, source);
            Assert.Equal(Dump(fromSyntax), Dump(fromText));
            scanned += fromText.Fields.Count(f => f.IsFromText);
        }

        Assert.True(scanned > 0, "no field of " + topology + " was read from its text");
    }

    [Fact]
    public void Every_half_typed_variant_of_the_shipped_files_is_sketched_as_from_its_syntax()
    {
        var failures = new List<string>();
        var variants = 0;
        var fromTextCount = 0;
        foreach (var (path, source) in SyntaxReaderParityTests.Sources("shipped"))
        {
            foreach (var text in MutationTests.Mutations(Analysis.Parse(path, source)))
            {
                variants++;
                var (fromText, fromSyntax) = Sketches(path, text);
                fromTextCount += fromText.Fields.Count(f => f.IsFromText);
                var (expected, actual) = (Dump(fromSyntax), Dump(fromText));
                if (expected != actual && failures.Count < 3)
                {
                    failures.Add("--- " + path + " ---\n" + text + "\n--- syntax ---\n" + expected + "\n--- text ---\n" + actual);
                }
            }
        }

        Assert.True(variants > 100, "only " + variants + " variants");
        Assert.True(fromTextCount > 0, "no variant had a field read from its text");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("public static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1);", true)]
    [InlineData("public static readonly Topology . Vip /* t */ Erp /* n */ = // i\n new Vip(Pools.Core, \"10.0.0.1\", 1) ;", true)]
    [InlineData("public static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1), Sales = new(Pools.Core, \"10.0.0.2\", 2);", false)]
    [InlineData("public static readonly Vip? Erp = new(Pools.Core, \"10.0.0.1\", 1);", false)]
    [InlineData("public static readonly List<Vip> Erp = new();", false)]
    [InlineData("public static readonly Vip[] Erp = new(Pools.Core, \"10.0.0.1\", 1);", false)]
    [InlineData("public static readonly global::Lef.Infra.Dsl.Vip Erp = new(Pools.Core, \"10.0.0.1\", 1);", false)]
    [InlineData("public static readonly Vip Erp = Make();", false)]
    [InlineData("public static readonly Vip Erp;", false)]
    [InlineData("public static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1) { };", false)]
    [InlineData("public static readonly Vip @class = new(Pools.Core, \"10.0.0.1\", 1);", false)]
    [InlineData("public static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1)\n#if DEBUG\n;\n#endif\n", false)]
    [InlineData("public static readonly int Erp = 1;", false)]
    [InlineData("public static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1)", false)]
    [InlineData("[Obsolete] public static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1);", true)]
    public void Only_a_plain_field_is_read_from_its_text(string member, bool plain)
    {
        var source = "using Lef.Infra.Dsl;\nusing System.Collections.Generic;\nnamespace Topology;\n\npublic static class Vips\n{\n    " + member + "\n}\n";
        var (fromText, fromSyntax) = Sketches("/src/Vips.cs", source);

        Assert.Equal(Dump(fromSyntax), Dump(fromText));
        Assert.Equal(plain, fromText.Fields.Any(f => f.IsFromText));
        Assert.DoesNotContain(fromSyntax.Fields, f => f.IsFromText);
    }

    [Fact]
    public void The_dump_sees_what_differs()
    {
        // The comparisons above are only as good as the dump: a field moved by one space must show.
        var a = TreeSketch.FromSyntaxOnly(Analysis.Parse("/src/Vips.cs", "static class Vips { static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1); }"));
        var b = TreeSketch.FromSyntaxOnly(Analysis.Parse("/src/Vips.cs", "static class Vips {  static readonly Vip Erp = new(Pools.Core, \"10.0.0.1\", 1); }"));
        Assert.NotEqual(Dump(a), Dump(b));
    }

    private static (TreeSketch FromText, TreeSketch FromSyntax) Sketches(string path, string source) =>
        (TreeSketch.Of(Analysis.Parse(path, source), CancellationToken.None), TreeSketch.FromSyntaxOnly(Analysis.Parse(path, source)));

    private static string Dump(TreeSketch sketch)
    {
        var text = new StringBuilder();
        foreach (var field in sketch.Fields)
        {
            Dump(field, text);
        }

        text.Append("declared:");
        foreach (var name in sketch.Declared)
        {
            text.Append(' ').Append(name.Name).Append('=').Append(name.Hash);
        }

        text.Append("\ntypes: ").Append(string.Join(", ", sketch.TypeKeys.Select(k => k.Key + (k.IsPartial ? " partial" : string.Empty))));
        text.Append("\nloose: ").Append(string.Join(", ", sketch.LooseCreations.Select(c => c.Span)));
        text.Append("\nby type: ").Append(string.Join(", ", sketch.FieldsByType.OrderBy(t => t.Key, System.StringComparer.Ordinal).Select(t => t.Key + "{" + string.Join(",", t.Value.Keys.Order(System.StringComparer.Ordinal)) + "}")));
        return text.ToString();
    }

    private static void Dump(FieldSketch field, StringBuilder text)
    {
        var site = field.Site;
        var scope = field.Scope;
        text.Append(field.Name).Append(" key=").Append(field.Key ?? "-").Append(" field=").Append(field.Field)
            .Append(" site=").Append(site.Path).Append(':').Append(site.Start).Append('+').Append(site.Length).Append('(').Append(site.Line).Append(',').Append(site.Column).Append(')')
            .Append(" position=").Append(field.Position)
            .Append(" flags=").Append(field.IsVisible).Append(field.IsStatic).Append(field.IsReadOnly).Append(field.IsCandidate)
            .Append(" type=").Append(field.WrittenType.Text ?? "-").Append('[').Append(field.WrittenType.Parts.IsDefault ? "-" : string.Join("|", field.WrittenType.Parts)).Append(']')
            .Append(" syntax=").Append(field.Type.Span).Append(' ').Append(field.Type)
            .Append(" variable=").Append(field.Variable.Span)
            .Append(" initializer=").Append(field.Initializer?.Span.ToString() ?? "-")
            .Append(" initializer type=").Append(field.InitializerType.Text ?? "-")
            .Append(" nested=").Append(string.Join(",", field.NestedCreations.Select(c => c.Span)))
            .Append("\n  creation=").Append(InitializerScannerTests.Dump(field))
            .Append("\n  scope=").Append(scope.Key ?? "-").Append('/').Append(scope.Field).Append(" context=").Append(scope.Context?.Replace("\n", "|") ?? "-")
            .Append(" node=").Append(scope.Node.Span).Append(" static=").Append(scope.IsStatic).Append(" holds=").Append(scope.CanHoldTopology)
            .Append(" members=").Append(string.Join(",", scope.MemberNames.Order(System.StringComparer.Ordinal)))
            .Append(" consts=").Append(string.Join(",", scope.LiteralConsts.OrderBy(c => c.Key, System.StringComparer.Ordinal).Select(c => c.Key + ":" + c.Value.TypeKeyword + "=" + c.Value.Value)))
            .Append('\n');
    }
}
