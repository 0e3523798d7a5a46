using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// One topology field's arguments by (dotted) parameter name, <c>Backend.Host</c>, <c>Views[0]</c>, and what they mean to the
/// model. What cannot be evaluated is reported (LEF0008) here, once, whichever way the arguments were read.
/// </summary>
/// <param name="arguments">The file reader's table of arguments, empty: one declaration is read at a time.</param>
/// <param name="trusted">The file's keys taken on trust, each with the name of the record it must name; this declaration's are added.</param>
internal sealed class DeclarationValues(
    string key, string field, SourceSite site, int capacity, DslSymbols dsl, List<Violation> violations, Dictionary<string, Argument> arguments, List<(string Key, string Record)> trusted)
    : IRecordArguments
{
    private Dictionary<string, int>? listLengths;

    public string Key { get; } = key;

    /// <summary>The field as users name it, <c>Vips.Erp</c>.</summary>
    public string Field { get; } = field;

    public SourceSite Site { get; } = site;

    /// <summary>Sized for every parameter (an endpoint's Backend adds two), so reading a declaration never grows it.</summary>
    public Dictionary<string, SourceSite> Sites { get; } = new(capacity);

    IReadOnlyDictionary<string, SourceSite> IRecordArguments.Sites => Sites;

    public void Add(string name, Argument argument, SourceSite site)
    {
        arguments[name] = argument;
        Sites[name] = site;
    }

    /// <summary>A list written out in place: its elements are <c>name[0]</c>, <c>name[1]</c>, ...</summary>
    public void AddList(string name, int count, SourceSite site)
    {
        (listLengths ??= [])[name] = count;
        Sites[name] = site;
    }

    public void Clear()
    {
        arguments.Clear();
        listLengths?.Clear();
        Sites.Clear();
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

        Report(Sites[name], name + " of " + Field + " must reference a " + value.Type?.Name
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
                Report(Sites[name], name + " of " + Field + " must be a list written out in place, e.g. [a, b], not null");
            }

            return;
        }

        Report(Sites[name], name + " of " + Field + " must be a list written out in place, e.g. [a, b], so it can be checked (found '" + value.Syntax + "')");
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

        Report(Sites[name], name + " of " + Field + " must be a literal, a const or a topology field"
            + (value.Kind == ArgumentKind.Constant ? ", not null" : " (found '" + value.Syntax + "', which is only known at run time)"));
        return null;
    }
}
