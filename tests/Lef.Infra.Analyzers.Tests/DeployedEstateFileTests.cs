extern alias analyzers;

using System.Collections.Immutable;
using System.Threading;
using analyzers::Lef.Infra.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>Which AdditionalFile is the address map, and that an unchanged text is read once, not once per compilation.</summary>
public sealed class DeployedEstateFileTests
{
    private static readonly string Map = NextFreeValueFixerTests.Deployed(("10.20.0.101", "ens18:1", "Vips.Erp"));

    [Fact]
    public void The_same_text_gives_the_same_estate_without_reading_it_again()
    {
        var file = new Text("/repo/deploy/docs/core-lan-address-map.json", Map);

        var first = DeployedEstateFile.Read(Options(file), CancellationToken.None);
        var second = DeployedEstateFile.Read(Options(file), CancellationToken.None);

        Assert.True(first.IsKnown);
        Assert.Same(first, second);
        Assert.NotSame(first, DeployedEstateFile.Read(Options(new Text(file.Path, Map)), CancellationToken.None));
    }

    [Fact]
    public void Only_one_file_named_like_the_address_map_is_the_estate()
    {
        Assert.True(DeployedEstateFile.Read(Options(new Text("/r/deploy/docs/Core-LAN-Address-Map.json", Map), new Text("/r/other.json", "{}")), CancellationToken.None).IsKnown);
        Assert.False(DeployedEstateFile.Read(Options(new Text("/r/other.json", Map)), CancellationToken.None).IsKnown);
        Assert.False(DeployedEstateFile.Read(Options(new Text("/a/core-lan-address-map.json", Map), new Text("/b/core-lan-address-map.json", Map)), CancellationToken.None).IsKnown);
        Assert.False(DeployedEstateFile.Read(Options(), CancellationToken.None).IsKnown);
    }

    private static AnalyzerOptions Options(params AdditionalText[] files) => new(ImmutableArray.Create(files));

    private sealed class Text(string path, string content) : AdditionalText
    {
        private readonly SourceText text = SourceText.From(content);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
