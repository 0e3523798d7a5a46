using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Lef.Infra.Dsl;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// The comments the emitter's own writers put in haproxy.cfg and interfaces files. Importing emitted files recovers the
/// field names from them (so import(emit(T)) names things as T does), and they are not carried into the C# as prose.
/// </summary>
internal static partial class EmitterComments
{
    /// <summary>From <c># alpha.db.lef:1433 (Endpoints.AlphaSql, SqlServer)</c>, the endpoint's field name: <c>AlphaSql</c>.</summary>
    public static string? EndpointField(string comment)
    {
        var match = ListenComment().Match(comment);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>From <c># Vips.Alpha</c>, the VIP's field name: <c>Alpha</c>.</summary>
    public static string? VipField(string comment)
    {
        var match = VipComment().Match(comment);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// From a keepalived.conf header <c>proxy-a.core.lef: master of the pair proxy-core (Pairs.Core), with proxy-b.core.lef.</c>,
    /// the pair's name and field: <c>(proxy-core, Core)</c>.
    /// </summary>
    public static (string Pair, string Field)? PairField(string comment)
    {
        var match = PairComment().Match(comment);
        return match.Success ? (match.Groups["pair"].Value, match.Groups["field"].Value) : null;
    }

    /// <summary>From a zone header <c>; View "internal" (DnsViews.Internal, internal): clients 10.0.0.0/8.</c>, the view it was written for.</summary>
    public static (string Name, string Field, ViewKind Kind, IReadOnlyList<string> MatchClients)? View(string comment)
    {
        var match = ViewComment().Match(comment);
        if (!match.Success)
        {
            return null;
        }

        var kind = match.Groups["kind"].Value == "external" ? ViewKind.External : ViewKind.Internal;
        return (match.Groups["name"].Value, match.Groups["field"].Value, kind, match.Groups["clients"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The emitter's file headers: provenance, not a human's note about the estate.</summary>
    public static bool IsBoilerplate(string comment) =>
        comment.StartsWith(GeneratedHeader.Text[..20], StringComparison.Ordinal)
        || comment.StartsWith("Proxy host: ", StringComparison.Ordinal)
        || comment.StartsWith("VIP aliases on ", StringComparison.Ordinal);

    /// <summary>Rulers such as <c>#-----</c> or <c>#=====</c> carry no words worth keeping.</summary>
    public static bool IsDecoration(string comment)
    {
        foreach (var c in comment)
        {
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^\S+:\d+ \(Endpoints\.([A-Za-z_][A-Za-z0-9_]*), [A-Za-z]+\)$")]
    private static partial Regex ListenComment();

    [GeneratedRegex(@"^\S+: (?:master|backup) of the pair (?<pair>\S+) \(Pairs\.(?<field>[A-Za-z_][A-Za-z0-9_]*)\), with \S+\.$")]
    private static partial Regex PairComment();

    [GeneratedRegex(@"^Vips\.([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex VipComment();

    [GeneratedRegex(@"^View ""(?<name>[^""]+)"" \([A-Za-z_][A-Za-z0-9_]*\.(?<field>[A-Za-z_][A-Za-z0-9_]*), (?<kind>internal|external)\): clients (?<clients>.+)\.$")]
    private static partial Regex ViewComment();
}
