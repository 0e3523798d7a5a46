using System.Collections.Generic;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Checking;

/// <summary>
/// One broken rule. <paramref name="OwnerKey"/> is the declaration it is reported on (the analyzer reports it from that
/// field's symbol action); <paramref name="AdditionalSites"/> are the other sides of a conflict.
/// </summary>
public sealed record Violation(string RuleId, string OwnerKey, SourceSite Site, string Message, IReadOnlyList<SourceSite> AdditionalSites)
{
    /// <summary>
    /// A C# literal that would fix the value at <see cref="Site"/> (the next free VIP or alias), when there is one. Allocated per
    /// check run so no two violations are offered the same value, which keeps Fix All from creating a new conflict.
    /// </summary>
    public string? Replacement { get; init; }

    public bool IsError => RuleCatalog.IsError(RuleId);

    /// <summary><c>Topology/Vips.cs:12:5: error LEF0001: ...</c>, the shape compilers print, so editors can jump to it.</summary>
    public string Format(string path) =>
        path + ":" + Site.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":"
        + Site.Column.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": "
        + (IsError ? "error " : "warning ") + RuleId + ": " + Message;
}
