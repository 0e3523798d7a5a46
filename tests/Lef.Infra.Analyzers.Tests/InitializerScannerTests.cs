extern alias analyzers;

using System.Linq;
using System.Text;
using System.Threading;
using Xunit;
using ArgumentSketch = analyzers::Lef.Infra.Analyzers.ArgumentSketch;
using CreationSketch = analyzers::Lef.Infra.Analyzers.CreationSketch;
using SiteMaker = analyzers::Lef.Infra.Analyzers.SiteMaker;
using TreeSketch = analyzers::Lef.Infra.Analyzers.TreeSketch;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The scanner reads a plain initializer from its text so that a build makes no syntax node inside it. Whatever it reads
/// must be exactly what the syntax gives, argument for argument and site for site; whatever it is not sure of, it declines.
/// </summary>
public sealed class InitializerScannerTests
{
    /// <summary>Initializers written the usual ways: the scanner reads each of them.</summary>
    public static TheoryData<string> Plain => new(
        """new("erp", Vips.Erp, 1433, new Backend("10.0.0.1", 1433), Engine.SqlServer)""",
        """new Endpoint(Name: "erp", Vip: Vips.Erp, Port: Ports.SqlServer, Backend: new("db1.core.lef", 5432), Engine: Engine.PostgreSql, Views: [DnsViews.Internal, DnsViews.External])""",
        "new( /* name */ \"erp\" // the VIP next\n\t, Vips . Erp,\r\n 0, new Backend ( \"h\" , 1 ) , Engine.SqlServer, Views: [ ])",
        """new(Name: "a", Vip: Topology.Vips.Erp, Port: local, Backend: new Lef.Infra.Dsl.Backend(Host: "h", Port: 2147483647), Engine: Engine.SqlServer)""",
        """new Lef.Infra.Dsl.Endpoint("é-ü", Vips.Erp, 0042, new(new("x", 1)), Engine.SqlServer, ["internal", "10.0.0.0/8"])""",
        "new()",
        "new(\"\", var, await, nameof, Views: [a.b.c, d])");

    /// <summary>Initializers the scanner leaves to the syntax: an escape, a keyword, an operator, a suffix, a directive...</summary>
    public static TheoryData<string> Unusual => new(
        """new("a\tb", Vips.Erp, 1, new Backend("h", 1), Engine.SqlServer)""",
        """new(@"erp", Vips.Erp, 1)""",
        """new($"erp", Vips.Erp, 1)""",
        "new(\"\"\"erp\"\"\", Vips.Erp, 1)",
        """new("erp"u8, Vips.Erp, 1)""",
        """new('e', Vips.Erp, 1)""",
        """new("erp", Vips.Erp, 2147483648)""",
        """new("erp", Vips.Erp, 0x10)""",
        """new("erp", Vips.Erp, 1_433)""",
        """new("erp", Vips.Erp, 10L)""",
        """new("erp", Vips.Erp, 1.5)""",
        """new("erp", Vips.Erp, -1)""",
        """new("erp", null, 1)""",
        """new("erp", default, 1)""",
        """new("erp", Vips.Erp, (int)Engine.SqlServer)""",
        """new("erp", Vips.Erp, (1))""",
        """new(nameof(Erp), Vips.Erp, 1)""",
        """new("erp", Vips.Erp!, 1)""",
        """new("erp", Vips?.Erp, 1)""",
        """new("erp", global::Vips.Erp, 1)""",
        """new("erp", X<int>.Erp, 1)""",
        """new("erp", Vips.Erp.Next(), 1)""",
        """new("erp", Vips.Erp, int.MaxValue)""",
        """new(string.Empty, Vips.Erp, 1)""",
        """new("e" + "rp", Vips.Erp, 1)""",
        """new("erp", Vips.Erp, 1, Views: [.. all])""",
        """new("erp", Vips.Erp, 1, Views: [a, b,])""",
        """new("erp", Vips.Erp, 1, Views: [new("x")])""",
        """new("erp", Vips.Erp, 1, Views: new[] { a })""",
        """new("erp", Vips.Erp, 1, new Backend("h", 1) { })""",
        """new("erp", Vips.Erp, 1, new Backend { })""",
        """new("erp", Vips.Erp, 1, new Backend<int>("h", 1))""",
        """new("erp", ref erp, 1)""",
        """new("erp", @class, 1)""",
        """new("erp", Vips.\u0045rp, 1)""",
        """new("erp", Víps.Erp, 1)""",
        "new(\"erp\",\u00A0Vips.Erp, 1)",
        "new(\"erp\",\n#if DEBUG\n Vips.Erp,\n#endif\n 1)",
        """new("erp", Vips.Erp, 1) { }""",
        """new("erp", Vips.Erp, 1, Views: x is null ? [] : [a])""",
        """new("erp", Vips.Erp, 1, Views: x switch { _ => [] })""",
        """new("erp" /* unterminated, Vips.Erp, 1)""");

    [Theory]
    [MemberData(nameof(Plain))]
    public void Plain_initializers_are_scanned_to_what_the_syntax_gives(string initializer)
    {
        var (scanned, fromSyntax) = Sketches(initializer);

        Assert.True(scanned.IsScanned, "the scanner declined " + initializer);
        Assert.Equal(Dump(fromSyntax), Dump(scanned));
        Assert.Equal(fromSyntax.NestedCreations.Select(c => c.Span), scanned.NestedCreations.Select(c => c.Span));
    }

    [Theory]
    [MemberData(nameof(Unusual))]
    public void Unusual_initializers_are_left_to_the_syntax(string initializer)
    {
        var (scanned, fromSyntax) = Sketches(initializer);

        Assert.False(scanned.IsScanned, "the scanner read " + initializer);
        Assert.Equal(Dump(fromSyntax), Dump(scanned));
    }

    [Fact]
    public void The_dump_sees_what_differs()
    {
        // The comparison above is only as good as the dump: one site apart must show.
        var (a, _) = Sketches("""new("erp", Vips.Erp, 1)""");
        var (b, _) = Sketches("""new("erp",  Vips.Erp, 1)""");
        Assert.NotEqual(Dump(a), Dump(b));
    }

    private static (analyzers::Lef.Infra.Analyzers.FieldSketch Scanned, analyzers::Lef.Infra.Analyzers.FieldSketch FromSyntax) Sketches(string initializer)
    {
        var source = "using Lef.Infra.Dsl;\nnamespace Topology;\n\npublic static class Endpoints\n{\n    public static readonly Endpoint Erp = " + initializer + ";\n}\n";
        var tree = Analysis.Parse("/src/Endpoints.cs", source);
        var scanned = TreeSketch.Of(tree, CancellationToken.None).Fields.Single();
        var fromSyntax = TreeSketch.FromSyntaxOnly(Analysis.Parse("/src/Endpoints.cs", source)).Fields.Single();
        Assert.False(fromSyntax.IsScanned);
        return (scanned, fromSyntax);
    }

    /// <summary>The field's creation, every argument with its site.</summary>
    internal static string Dump(analyzers::Lef.Infra.Analyzers.FieldSketch field) => Dump(field.Creation, field.File.Sites);

    internal static string Dump(CreationSketch? creation, SiteMaker sites)
    {
        var text = new StringBuilder();
        Write(creation, sites, text);
        return text.ToString();
    }

    private static void Write(CreationSketch? creation, SiteMaker sites, StringBuilder text)
    {
        if (creation is null)
        {
            text.Append("(none)");
            return;
        }

        text.Append("new ").Append(creation.IsTargetTyped ? "<target>" : creation.WrittenType.Text + "/" + Tokens(creation.Type))
            .Append('[').Append(creation.WrittenType.Parts.IsDefault ? "-" : string.Join("|", creation.WrittenType.Parts)).Append("](");
        foreach (var argument in creation.Arguments)
        {
            Write(argument, sites, text);
            text.Append("; ");
        }

        text.Append(')');
    }

    /// <summary>A node's tokens: a name parsed from its text binds as the one in the tree, whatever spaces or comments it had.</summary>
    private static string Tokens(Microsoft.CodeAnalysis.SyntaxNode? node) =>
        node is null ? "-" : node.GetType().Name + ":" + string.Join(" ", node.DescendantTokens().Select(t => t.ValueText));

    private static void Write(ArgumentSketch argument, SiteMaker sites, StringBuilder text)
    {
        var site = sites.Of(argument.Span);
        text.Append(argument.Name ?? "_").Append(' ').Append(argument.Shape)
            .Append(" @").Append(site.Path).Append(':').Append(site.Start).Append('+').Append(site.Length)
            .Append(" (").Append(site.Line).Append(',').Append(site.Column).Append(") ");
        switch (argument.Literal)
        {
            case string s:
                text.Append("string \"").Append(s).Append('"');
                break;
            case int i:
                text.Append("int ").Append(i);
                break;
        }

        if (!argument.Parts.IsDefault)
        {
            text.Append("name [").Append(string.Join("|", argument.Parts)).Append("] q=").Append(argument.QualifierText ?? "-")
                .Append(" t=").Append(argument.Text).Append(" syntax=").Append(Tokens(argument.NameSyntax)).Append(" qs=").Append(Tokens(argument.QualifierSyntax));
        }

        if (argument.Creation is not null)
        {
            Write(argument.Creation, sites, text);
        }

        if (!argument.Elements.IsDefault)
        {
            text.Append('[');
            foreach (var element in argument.Elements)
            {
                Write(element, sites, text);
                text.Append(", ");
            }

            text.Append(']');
        }
    }
}
