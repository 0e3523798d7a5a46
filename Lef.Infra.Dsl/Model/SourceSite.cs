using System;

namespace Lef.Infra.Dsl.Model;

/// <summary>Where a declaration or one of its arguments is written: a span in a file, and its 1-based line and column.</summary>
public sealed record SourceSite(string Path, int Start, int Length, int Line, int Column)
{
    /// <summary>The file name without its folder: what messages show, so they read the same in the IDE and the emitter.</summary>
    public string FileName
    {
        get
        {
            var slash = Math.Max(Path.LastIndexOf('/'), Path.LastIndexOf('\\'));
            return slash < 0 ? Path : Path.Substring(slash + 1);
        }
    }

    /// <summary><c>Vips.cs:12</c>.</summary>
    public override string ToString() => FileName + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
