using System;
using System.Collections.Generic;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// Where each argument of one declaration is written, by parameter name (nested ones dotted, <c>Backend.Host</c>; list
/// elements indexed, <c>Views[0]</c>).
/// </summary>
/// <remarks>
/// The analyzer keeps one for every declaration of every build and reports on almost none, so the spans are kept as
/// numbers and a <see cref="SourceSite"/> is made only when a rule asks for one, instead of a site object per argument
/// that nothing reads. A declaration has a handful of arguments, so finding one is a short scan.
/// </remarks>
public sealed class ArgumentSites
{
    /// <summary>No argument written out: its line table is never asked.</summary>
    public static readonly ArgumentSites None = new(string.Empty, null!, []);

    private readonly string path;
    private readonly ILinePositions lines;
    private readonly Span[] spans;

    internal ArgumentSites(string path, ILinePositions lines, Span[] spans)
    {
        this.path = path;
        this.lines = lines;
        this.spans = spans;
    }

    /// <summary>Each argument and its site, in the order they were read.</summary>
    public IEnumerable<(string Argument, SourceSite Site)> All
    {
        get
        {
            foreach (var span in spans)
            {
                yield return (span.Argument, SiteOf(span));
            }
        }
    }

    /// <summary>The argument's site; null when it is not written out.</summary>
    public SourceSite? Find(string argument)
    {
        foreach (var span in spans)
        {
            if (string.Equals(span.Argument, argument, StringComparison.Ordinal))
            {
                return SiteOf(span);
            }
        }

        return null;
    }

    private SourceSite SiteOf(Span span) => new(path, span.Start, span.Length, lines);

    /// <summary>One argument's text span in the declaration's file.</summary>
    internal readonly record struct Span(string Argument, int Start, int Length);
}
