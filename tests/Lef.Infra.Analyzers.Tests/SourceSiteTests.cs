extern alias analyzers;

using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using DslSymbols = analyzers::Lef.Infra.Analyzers.Reading.DslSymbols;
using ILinePositions = analyzers::Lef.Infra.Dsl.Model.ILinePositions;
using TreeSites = analyzers::Lef.Infra.Analyzers.Reading.TreeSites;
using TopologyReader = analyzers::Lef.Infra.Analyzers.Reading.TopologyReader;
using SourceSite = analyzers::Lef.Infra.Dsl.Model.SourceSite;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The analyzer's sites work out their line and column when first asked, so a build that reports nothing never makes a
/// file's line table. They must still give what the compiler gives, and compare and hash as sites made with a line do.
/// </summary>
public sealed class SourceSiteTests
{
    [Fact]
    public void A_site_gives_the_line_and_column_the_compiler_gives_at_every_position()
    {
        // Every kind of line break the compiler counts, a tab, a non-ASCII letter and a last line without a break.
        const string source = "namespace N;\r\n\r\npublic static class Vips\n{\r    // é\u2028\tpublic static readonly int X = 1;\u0085}";
        var tree = CSharpSyntaxTree.ParseText(source, path: "/src/Vips.cs");
        var sites = new TreeSites(tree);
        for (var position = 0; position < source.Length; position++)
        {
            var span = new TextSpan(position, 1);
            var expected = tree.GetLineSpan(span).StartLinePosition;
            var eager = new SourceSite("/src/Vips.cs", position, 1, expected.Line + 1, expected.Character + 1);
            var site = new SourceSite("/src/Vips.cs", position, 1, sites);

            Assert.Equal((expected.Line + 1, expected.Character + 1), (site.Line, site.Column));
            Assert.Equal(eager, site);
            Assert.True(eager == site);
            Assert.Equal(eager.GetHashCode(), site.GetHashCode());
            Assert.Equal(eager.ToString(), site.ToString());
        }
    }

    [Fact]
    public void A_site_asks_its_file_once_and_only_for_its_line_or_column()
    {
        var lines = new CountingLines();
        var site = new SourceSite("/src/Vips.cs", 40, 3, lines);

        Assert.Equal(("/src/Vips.cs", 40, 3, "Vips.cs"), (site.Path, site.Start, site.Length, site.FileName));
        _ = site.GetHashCode();
        Assert.NotEqual(new SourceSite("/src/Vips.cs", 41, 3, 7, 5), site);
        Assert.Equal(0, lines.Asked);

        Assert.Equal("Vips.cs:7", site.ToString());
        Assert.Equal((7, 5), (site.Line, site.Column));
        Assert.Equal(1, lines.Asked);

        // Same span and path, another line: not the same site.
        Assert.NotEqual(new SourceSite("/src/Vips.cs", 40, 3, 7, 6), site);
        Assert.Equal(new SourceSite("/src/Vips.cs", 40, 3, 7, 5), site);
    }

    [Fact]
    public void Reading_a_clean_topology_makes_no_line_table()
    {
        var compilation = Analysis.Compile(PlainReadingTests.Sources("generated"));
        var (model, violations, _) = TopologyReader.Read(compilation, DslSymbols.TryCreate(compilation)!, CancellationToken.None);
        Assert.Empty(violations);

        var sites = model.Endpoints.Select(e => e.Site).Concat(model.Vips.Select(v => v.Site)).Concat(model.Pools.Select(p => p.Site)).ToList();
        Assert.True(sites.Count > 100, "expected the generated topology's declarations, got " + sites.Count);
        Assert.All(sites, site => Assert.True(Unresolved(site), site.Path + "@" + site.Start + " has its line worked out already"));

        // The line is there when asked, and the compiler agrees.
        var first = model.Endpoints[0].Site;
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == first.Path);
        Assert.Equal(tree.GetLineSpan(new TextSpan(first.Start, first.Length)).StartLinePosition.Line + 1, first.Line);
        Assert.False(Unresolved(first));
    }

    /// <summary>Whether the site still holds its file's line table, unasked (the field is cleared once the line is worked out).</summary>
    private static bool Unresolved(SourceSite site) =>
        typeof(SourceSite).GetField("lines", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(site) is not null;

    private sealed class CountingLines : ILinePositions
    {
        public int Asked { get; private set; }

        public (int Line, int Column) PositionOf(int position)
        {
            Asked++;
            return (7, 5);
        }
    }
}
