using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// One topology field's arguments by (dotted) parameter name, <c>Backend.Host</c>, <c>Views[0]</c>, and what they mean to the
/// model. What cannot be evaluated is reported (LEF0008) here, once, whichever way the arguments were read.
/// </summary>
/// <param name="arguments">The file reader's table of arguments, empty: one declaration is read at a time.</param>
/// <param name="spans">The file reader's list of argument spans, empty, for the same reason.</param>
/// <param name="trusted">The file's keys taken on trust, each with the name of the record it must name; this declaration's are added.</param>
internal sealed class DeclarationValues(
    string key, string field, SourceSite site, TreeSites sites, DslSymbols dsl, List<Violation> violations, Dictionary<string, Argument> arguments,
    List<ArgumentSites.Span> spans, List<(string Key, string Record)> trusted)
    : IRecordArguments
{
    private Dictionary<string, int>? listLengths;
    private ArgumentSites? argumentSites;

    public string Key { get; } = key;

    /// <summary>The field as users name it, <c>Vips.Erp</c>.</summary>
    public string Field { get; } = field;

    public SourceSite Site { get; } = site;

    /// <summary>The spans read so far, kept by the declaration: asked for once, when every argument is read.</summary>
    public ArgumentSites Sites => argumentSites ??= new ArgumentSites(sites.Path, sites, spans.ToArray());

    public void Add(string name, Argument argument, TextSpan span)
    {
        arguments[name] = argument;
        SetSite(name, span);
    }

    /// <summary>A list written out in place: its elements are <c>name[0]</c>, <c>name[1]</c>, ...</summary>
    public void AddList(string name, int count, TextSpan span)
    {
        (listLengths ??= [])[name] = count;
        SetSite(name, span);
    }

    public void SetSite(string name, TextSpan span) => spans.Add(new ArgumentSites.Span(name, span.Start, span.Length));

    public void Clear()
    {
        arguments.Clear();
        listLengths?.Clear();
        spans.Clear();
    }

    public static string ElementName(string list, int index) => list + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public string? String(string name) => Constant(name) as string;

    public int? Int(string name) => Constant(name) is int value ? value : null;

    /// <summary>A reference to another topology field, as that field's key.</summary>
    public string? Reference(string name)
    {
        if (!arguments.TryGetValue(name, out var value) || value.Kind == ArgumentKind.Invalid)
        {
            return null;
        }

        if (value is { Kind: ArgumentKind.Key, Value: string key })
        {
            // Only a plain reading holds keys, and it is either complete or cleared before anything asks for one.
            trusted.Add((key, value.Type!.Name));
            return key;
        }

        if (value is { Kind: ArgumentKind.Field, Field: { } target } && TopologyFields.IsDiscoverable(target))
        {
            return TopologyReader.KeyOf(target);
        }

        // Inline records and fields that cannot be discovered are LEF0014, reported where they are written.
        if (value.Kind == ArgumentKind.Creation || (value.Kind == ArgumentKind.Field && dsl.IsTopologyRecord(value.Type)))
        {
            return null;
        }

        Report(SiteOf(name), name + " of " + Field + " must reference a " + (value.Type?.Name ?? "topology record")
            + " declared as a static readonly field of a static class (found '" + value.Syntax + "')");
        return null;
    }

    /// <summary>A list of constants (<c>["10.0.0.0/8", "any"]</c>); null, and reported, unless written out in place.</summary>
    public IReadOnlyList<string?>? StringList(string name) =>
        ListCount(name) is { } count ? Enumerable.Range(0, count).Select(i => String(ElementName(name, i))).ToList() : null;

    /// <summary>A list of topology field references; null when omitted or null (the parameter's default).</summary>
    public IReadOnlyList<string?>? ReferenceList(string name)
    {
        if (listLengths is null || !listLengths.TryGetValue(name, out var count))
        {
            NotAList(name, nullMeansOmitted: true);
            return null;
        }

        return Enumerable.Range(0, count).Select(i => Reference(ElementName(name, i))).ToList();
    }

    /// <summary>A list of records written in place, each read as <c>name[i].Parameter</c>; null, and reported, unless written out in place.</summary>
    public int? ListCount(string name)
    {
        if (listLengths is null || !listLengths.TryGetValue(name, out var count))
        {
            NotAList(name, nullMeansOmitted: false);
            return null;
        }

        return count;
    }

    /// <summary>As <see cref="Declaration.SiteOf"/> gives it: asked only while the declaration is made, every argument read.</summary>
    private SourceSite SiteOf(string name) => Sites.Find(name) ?? Site;

    public void Report(TextSpan where, string message) => Report(sites.Of(where), message);

    public void Report(SourceSite where, string message) =>
        violations.Add(new Violation(RuleIds.UnevaluableValue, Key, where, message, []));

    private void NotAList(string name, bool nullMeansOmitted)
    {
        if (!arguments.TryGetValue(name, out var value) || value.Kind == ArgumentKind.Invalid)
        {
            return;
        }

        if (value is { Kind: ArgumentKind.Constant, Value: null })
        {
            if (!nullMeansOmitted)
            {
                Report(SiteOf(name), name + " of " + Field + " must be a list written out in place, e.g. [a, b], not null");
            }

            return;
        }

        Report(SiteOf(name), name + " of " + Field + " must be a list written out in place, e.g. [a, b], so it can be checked (found '" + value.Syntax + "')");
    }

    private object? Constant(string name)
    {
        if (!arguments.TryGetValue(name, out var value) || value.Kind == ArgumentKind.Invalid)
        {
            return null;
        }

        if (value is { Kind: ArgumentKind.Constant, Value: { } constant })
        {
            return constant;
        }

        Report(SiteOf(name), name + " of " + Field + " must be a literal, a const or a topology field"
            + (value.Kind == ArgumentKind.Constant ? ", not null" : " (found '" + value.Syntax + "', which is only known at run time)"));
        return null;
    }
}
