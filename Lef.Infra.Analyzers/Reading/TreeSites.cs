using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>Sites in one file, whose line and column are worked out only when a message needs them.</summary>
internal sealed class TreeSites(SyntaxTree tree) : ILinePositions
{
    public string Path { get; } = tree.FilePath;

    public SourceSite Of(SyntaxNode node) => Of(node.Span);

    public SourceSite Of(SyntaxToken token) => Of(token.Span);

    public SourceSite Of(TextSpan span) => new(Path, span.Start, span.Length, this);

    public (int Line, int Column) PositionOf(int position)
    {
        var start = tree.GetLineSpan(new TextSpan(position, 0)).StartLinePosition;
        return (start.Line + 1, start.Character + 1);
    }
}
