using System.Globalization;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Live-file text made inert before it is written anywhere: in a C# comment, a TODO line, a string literal or on the
/// terminal it stays one line of plain text. Every line break C# knows (CR, LF, U+0085, U+2028, U+2029), every control
/// or format character (categories Cc, Cf) and every lone surrogate is written as an escape (<c>\r</c>, <c>\u2028</c>).
/// </summary>
internal static class InertText
{
    /// <summary>The text for a comment or a terminal line: unsafe characters escaped, everything else as it is.</summary>
    public static string Line(string text)
    {
        if (IsInert(text))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            AppendEscaped(line, text, ref i);
        }

        return line.ToString();
    }

    /// <summary>A C# regular string literal, quoted: <c>"</c> and <c>\</c> escaped, and the unsafe characters as <see cref="Line"/> writes them.</summary>
    public static string Literal(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    literal.Append("\\\"");
                    break;
                case '\\':
                    literal.Append("\\\\");
                    break;
                default:
                    AppendEscaped(literal, text, ref i);
                    break;
            }
        }

        return literal.Append('"').ToString();
    }

    /// <summary>True when nothing in <paramref name="text"/> needs escaping.</summary>
    public static bool IsInert(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsSafeAt(text, i, out var pair))
            {
                return false;
            }

            i += pair ? 1 : 0;
        }

        return true;
    }

    private static void AppendEscaped(StringBuilder to, string text, ref int i)
    {
        if (IsSafeAt(text, i, out var pair))
        {
            to.Append(text[i]);
            if (pair)
            {
                to.Append(text[++i]);
            }

            return;
        }

        _ = text[i] switch
        {
            '\r' => to.Append("\\r"),
            '\n' => to.Append("\\n"),
            '\t' => to.Append("\\t"),
            var c => to.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Whether the character at <paramref name="i"/> may be written as it is; <paramref name="pair"/> when it starts a valid surrogate pair.</summary>
    private static bool IsSafeAt(string text, int i, out bool pair)
    {
        var c = text[i];
        pair = false;
        if (char.IsHighSurrogate(c))
        {
            pair = i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            return pair && CharUnicodeInfo.GetUnicodeCategory(text, i) is not UnicodeCategory.Format;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }
}
