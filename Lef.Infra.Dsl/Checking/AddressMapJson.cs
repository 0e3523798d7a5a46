using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Lef.Infra.Dsl.Checking;

/// <summary>
/// A strict reader for the JSON the emitter writes (the Core LAN address map): objects, arrays, strings, numbers, true, false,
/// null. The analyzer cannot take a JSON package along, so it reads its own file format; anything else gives null, never throws.
/// </summary>
internal sealed class AddressMapJson
{
    private const int MaxDepth = 32;

    private readonly string text;
    private int position;

    private AddressMapJson(string text) => this.text = text;

    /// <summary>The value: <see cref="Dictionary{TKey,TValue}"/> for objects, <see cref="List{T}"/> for arrays, string, double, bool, or null; <paramref name="ok"/> false when the text is not JSON.</summary>
    public static object? Parse(string text, out bool ok)
    {
        var reader = new AddressMapJson(text);
        ok = reader.TryValue(0, out var value) && reader.SkipSpace() == text.Length;
        return ok ? value : null;
    }

    private int SkipSpace()
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
        {
            position++;
        }

        return position;
    }

    private bool TryValue(int depth, out object? value)
    {
        value = null;
        if (depth > MaxDepth || SkipSpace() == text.Length)
        {
            return false;
        }

        switch (text[position])
        {
            case '{':
                return TryObject(depth, out value);
            case '[':
                return TryArray(depth, out value);
            case '"':
                var ok = TryString(out var s);
                value = s;
                return ok;
            case 't':
                value = true;
                return TryWord("true");
            case 'f':
                value = false;
                return TryWord("false");
            case 'n':
                return TryWord("null");
            default:
                return TryNumber(out value);
        }
    }

    private bool TryObject(int depth, out object? value)
    {
        var members = new Dictionary<string, object?>(System.StringComparer.Ordinal);
        value = members;
        position++;
        if (SkipSpace() < text.Length && text[position] == '}')
        {
            position++;
            return true;
        }

        while (true)
        {
            if (SkipSpace() == text.Length || text[position] != '"' || !TryString(out var name) || members.ContainsKey(name))
            {
                return false;
            }

            if (SkipSpace() == text.Length || text[position] != ':')
            {
                return false;
            }

            position++;
            if (!TryValue(depth + 1, out var member))
            {
                return false;
            }

            members.Add(name, member);
            if (SkipSpace() == text.Length)
            {
                return false;
            }

            var next = text[position++];
            if (next == '}')
            {
                return true;
            }

            if (next != ',')
            {
                return false;
            }
        }
    }

    private bool TryArray(int depth, out object? value)
    {
        var items = new List<object?>();
        value = items;
        position++;
        if (SkipSpace() < text.Length && text[position] == ']')
        {
            position++;
            return true;
        }

        while (true)
        {
            if (!TryValue(depth + 1, out var item))
            {
                return false;
            }

            items.Add(item);
            if (SkipSpace() == text.Length)
            {
                return false;
            }

            var next = text[position++];
            if (next == ']')
            {
                return true;
            }

            if (next != ',')
            {
                return false;
            }
        }
    }

    private bool TryString(out string value)
    {
        value = string.Empty;

        // Most strings have no escape: one substring, no builder.
        var start = position + 1;
        var end = start;
        while (end < text.Length && text[end] != '"' && text[end] != '\\' && text[end] >= ' ')
        {
            end++;
        }

        if (end < text.Length && text[end] == '"')
        {
            value = text.Substring(start, end - start);
            position = end + 1;
            return true;
        }

        var built = new StringBuilder();
        for (position++; position < text.Length; position++)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                value = built.ToString();
                return true;
            }

            if (c < ' ')
            {
                return false;
            }

            if (c != '\\')
            {
                built.Append(c);
                continue;
            }

            if (++position == text.Length)
            {
                return false;
            }

            switch (text[position])
            {
                case '"': built.Append('"'); break;
                case '\\': built.Append('\\'); break;
                case '/': built.Append('/'); break;
                case 'b': built.Append('\b'); break;
                case 'f': built.Append('\f'); break;
                case 'n': built.Append('\n'); break;
                case 'r': built.Append('\r'); break;
                case 't': built.Append('\t'); break;
                case 'u':
                    if (position + 4 >= text.Length
                        || !ushort.TryParse(text.Substring(position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    built.Append((char)code);
                    position += 4;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private bool TryWord(string word)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            return false;
        }

        position += word.Length;
        return true;
    }

    private bool TryNumber(out object? value)
    {
        value = null;
        var start = position;
        while (position < text.Length && (char.IsDigit(text[position]) || text[position] is '-' or '+' or '.' or 'e' or 'E'))
        {
            position++;
        }

        if (position == start || !double.TryParse(text.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }
}
