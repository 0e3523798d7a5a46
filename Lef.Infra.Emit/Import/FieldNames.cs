using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Lef.Infra.Dsl;
using Microsoft.CodeAnalysis.CSharp;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// The field names of one static class (<c>Vips</c>, <c>Endpoints</c>, <c>Pools</c>): readable C# identifiers made from
/// domain names (<c>warehouse-legacy</c> → <c>WarehouseLegacy</c>), each used once.
/// </summary>
internal sealed class FieldNames(string className, string noun, bool caseInsensitive = false)
{
    /// <summary>
    /// Names a field must not take: a field named like a type hides it in its class (<c>Endpoints.Ports</c> turns every
    /// <c>Ports.SqlServer</c> there into CS1061), and pool fields name files, so <c>NotImported</c> would overwrite that file.
    /// </summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
        typeof(Vip).Assembly.GetExportedTypes().Select(t => t.Name.Split('`')[0])
            .Concat(["Pools", "Vips", "Endpoints", "DnsViews", "Pairs", "Clusters", "NotImported", "Topology", "Lef", "System"]),
        StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> taken = new(caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private readonly Dictionary<string, int> nextNumber = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <c>warehouse-legacy</c> → <c>WarehouseLegacy</c>, <c>proxy.core</c> → <c>ProxyCore</c>: words split on anything not a
    /// letter or digit. A word starting with a digit keeps its separator as <c>_</c>, so <c>db-1</c> (<c>Db_1</c>), <c>db1</c>
    /// (<c>Db1</c>) and <c>db12</c> (<c>Db12</c>) stay apart.
    /// </summary>
    public static string Pascal(string text)
    {
        var name = new StringBuilder();
        var words = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ');
        foreach (var word in words)
        {
            if (word.Length > 0)
            {
                if (name.Length > 0 && char.IsAsciiDigit(word[0]))
                {
                    name.Append('_');
                }

                name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
        }

        return name.ToString();
    }

    /// <summary>Takes the name if it is a valid identifier, not the class's own name and still free.</summary>
    public bool TryTake(string? name)
    {
        if (name is null || name.Length == 0 || !IsSafe(name))
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

        // The number is set off by _ so that it never reads as part of the name (Db1_2 is the second Db1, not db12).
        var n = nextNumber.GetValueOrDefault(valid[0], 2);
        for (; ; n++)
        {
            var numbered = valid[0] + "_" + n.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(numbered))
            {
                nextNumber[valid[0]] = n + 1;
                return numbered;
            }
        }
    }

    private static bool IsIdentifier(string name) =>
        (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>An identifier that is no C# keyword (contextual ones too), no reserved type name and not the class's own name (CS0542).</summary>
    private bool IsSafe(string name) =>
        IsIdentifier(name) && !name.All(c => c == '_') && name != className && !Reserved.Contains(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>Prefixes the noun when the name is empty or not safe: <c>EndpointPorts</c>, <c>Endpoint1erp</c>, <c>PoolNotImported</c>.</summary>
    private string Valid(string name) =>
        name.Length == 0 ? noun
        : !IsSafe(name) ? noun + Pascal(name)
        : name;
}
