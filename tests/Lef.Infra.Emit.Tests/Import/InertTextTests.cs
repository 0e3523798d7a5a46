using System.Globalization;
using System.Linq;
using System.Text;
using Lef.Infra.Emit.Import;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>The one place live-file text is made inert: for every UTF-16 code unit, Roslyn reads the result as the writer meant it.</summary>
public sealed class InertTextTests
{
    [Theory]
    [InlineData("a\rb", @"a\rb")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\tb", @"a\tb")]
    [InlineData("a\u0085b", @"a\u0085b")]
    [InlineData("a\u2028b", @"a\u2028b")]
    [InlineData("a\u2029b", @"a\u2029b")]
    [InlineData("\u001b[31mred", @"\u001B[31mred")]
    [InlineData("abc\u202Eevil", @"abc\u202Eevil")]
    [InlineData("\uFEFFbom", @"\uFEFFbom")]
    [InlineData("null\0byte", @"null\u0000byte")]
    public void Line_breaks_control_format_and_lone_surrogates_are_escaped(string text, string expected) =>
        Assert.Equal(expected, InertText.Line(text));

    [Fact]
    public void Lone_surrogates_are_escaped_and_pairs_in_reverse_order_too()
    {
        Assert.Equal(@"lone \uD800 high", InertText.Line("lone " + (char)0xD800 + " high"));
        Assert.Equal(@"lone \uDC00 low", InertText.Line("lone " + (char)0xDC00 + " low"));
        Assert.Equal(@"\uDC00\uD800", InertText.Line(new string([(char)0xDC00, (char)0xD800])));
    }

    [Fact]
    public void Ordinary_text_and_valid_surrogate_pairs_are_kept_as_they_are()
    {
        const string text = "owned by the dba team, café 10.20.0.101:1433 ☕ \U0001F600 \\d+ \"quoted\"";
        Assert.Equal(text, InertText.Line(text));
        Assert.True(InertText.IsInert(text));
    }

    [Fact]
    public void After_every_code_unit_a_comment_stays_one_comment_and_a_literal_keeps_its_value()
    {
        // Every UTF-16 code unit, each between two letters so that no two form a surrogate pair: one parse checks them all.
        var all = new StringBuilder("static Endpoints() { } #pragma warning disable LEF0003 ");
        for (var c = 0; c <= char.MaxValue; c++)
        {
            all.Append('a').Append((char)c);
        }

        var text = all.Append('b').ToString();
        var trivia = SyntaxFactory.ParseLeadingTrivia("// " + InertText.Line(text) + "\n");
        Assert.True(
            trivia.Count == 2 && trivia[0].IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia[1].IsKind(SyntaxKind.EndOfLineTrivia),
            "the comment breaks at " + string.Join(", ", trivia.Skip(1).Take(3).Select(t => t.Kind() + " " + t.SpanStart.ToString(CultureInfo.InvariantCulture))));

        var literal = (LiteralExpressionSyntax)SyntaxFactory.ParseExpression(InertText.Literal(text));
        Assert.False(literal.ContainsDiagnostics, string.Join(", ", literal.GetDiagnostics().Take(3)));
        Assert.Equal(text, literal.Token.ValueText);
    }

    [Fact]
    public void A_literal_escapes_quotes_and_backslashes()
    {
        Assert.Equal("\"say \\\" \\\\ \\u2028\"", InertText.Literal("say \" \\ \u2028"));
        Assert.Single(SyntaxFactory.ParseTokens(InertText.Literal("\"; } static X() { \"")), t => !t.IsKind(SyntaxKind.EndOfFileToken));
    }
}
