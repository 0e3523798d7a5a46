using System;
using System.Threading;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// Where a declaration or one of its arguments is written: a span in a file, and its 1-based line and column. Two sites are
/// equal when all five are.
/// </summary>
/// <remarks>
/// The analyzer makes one for every declaration of every build and reports on almost none, so it can leave the line and
/// column to be worked out when first asked (<see cref="ILinePositions"/>): a file's line table is then made only for a
/// file something is reported in.
/// </remarks>
public sealed class SourceSite : IEquatable<SourceSite>
{
    private ILinePositions? lines;
    private int line;
    private int column;

    public SourceSite(string path, int start, int length, int line, int column)
    {
        Path = path;
        Start = start;
        Length = length;
        this.line = line;
        this.column = column;
    }

    /// <summary>A site whose line and column <paramref name="lines"/> gives when they are first asked for.</summary>
    internal SourceSite(string path, int start, int length, ILinePositions lines)
    {
        Path = path;
        Start = start;
        Length = length;
        this.lines = lines;
    }

    public string Path { get; }

    public int Start { get; }

    public int Length { get; }

    public int Line
    {
        get
        {
            Resolve();
            return line;
        }
    }

    public int Column
    {
        get
        {
            Resolve();
            return column;
        }
    }

    /// <summary>The file name without its folder: what messages show, so they read the same in the IDE and the emitter.</summary>
    public string FileName
    {
        get
        {
            var slash = Math.Max(Path.LastIndexOf('/'), Path.LastIndexOf('\\'));
            return slash < 0 ? Path : Path.Substring(slash + 1);
        }
    }

    public static bool operator ==(SourceSite? left, SourceSite? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SourceSite? left, SourceSite? right) => !(left == right);

    public bool Equals(SourceSite? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Start == other.Start && Length == other.Length && string.Equals(Path, other.Path, StringComparison.Ordinal)
                && Line == other.Line && Column == other.Column));

    public override bool Equals(object? obj) => Equals(obj as SourceSite);

    /// <summary>The span and path alone: equal sites have them equal, and hashing does not make the line table.</summary>
    public override int GetHashCode() => unchecked((((StringComparer.Ordinal.GetHashCode(Path) * 31) + Start) * 31) + Length);

    /// <summary><c>Vips.cs:12</c>.</summary>
    public override string ToString() => FileName + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Asks the file's line table once. Racing threads work out the same values; the column is written before the table
    /// reference is cleared, so a thread that sees it cleared sees both.
    /// </summary>
    private void Resolve()
    {
        if (Volatile.Read(ref lines) is not { } positions)
        {
            return;
        }

        (line, column) = positions.PositionOf(Start);
        Volatile.Write(ref lines, null);
    }
}

/// <summary>A file's line table, asked for a site's 1-based line and column only when something needs them.</summary>
internal interface ILinePositions
{
    (int Line, int Column) PositionOf(int position);
}
