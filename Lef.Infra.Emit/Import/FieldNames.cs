using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// The field names of one static class (<c>Vips</c>, <c>Endpoints</c>, <c>Pools</c>): readable C# identifiers made from
/// domain names (<c>warehouse-legacy</c> → <c>WarehouseLegacy</c>), each used once.
/// </summary>
internal sealed class FieldNames(string className, string noun)
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    /// <summary><c>warehouse-legacy</c> → <c>WarehouseLegacy</c>, <c>proxy.core</c> → <c>ProxyCore</c>: words split on anything not a letter or digit.</summary>
    public static string Pascal(string text)
    {
        var name = new StringBuilder();
        var words = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ');
        foreach (var word in words)
        {
            if (word.Length > 0)
            {
                name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
        }

        return name.ToString();
    }

    /// <summary>Takes the name if it is a valid identifier, not the class's own name and still free.</summary>
    public bool TryTake(string? name)
    {
        if (name is null || name.Length == 0 || !IsIdentifier(name) || name == className)
        {
            return false;
        }

        return taken.Add(name);
    }

    /// <summary>The first free candidate; when all are taken, the first one numbered (<c>Erp2</c>, <c>Erp3</c>, ...).</summary>
    public string Take(params string[] candidates)
    {
        var valid = candidates.Select(Valid).ToList();
        foreach (var candidate in valid)
        {
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }

        for (var n = 2; ; n++)
        {
            var numbered = valid[0] + n.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(numbered))
            {
                return numbered;
            }
        }
    }

    private static bool IsIdentifier(string name) =>
        (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Prefixes the noun when the name is empty, starts with a digit, or is the class's own name (CS0542).</summary>
    private string Valid(string name) =>
        name.Length == 0 ? noun
        : !IsIdentifier(name) || name == className ? noun + name
        : name;
}
