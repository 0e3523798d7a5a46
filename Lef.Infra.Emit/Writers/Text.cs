using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// A text artifact under construction: LF line endings whatever the platform, so output is byte-identical everywhere.
/// A line written as an interpolated string (<c>text.Line($"    bind {address}:{port}")</c>) goes straight into the
/// artifact, formatted with the invariant culture: no string per line, which at 10,000 endpoints is most of what the
/// writers would allocate.
/// </summary>
internal sealed class Text
{
    private readonly StringBuilder builder = new();

    public Text Line(string line = "")
    {
        builder.Append(line).Append('\n');
        return this;
    }

    /// <summary>The line's parts were appended by <paramref name="line"/> as it was built; this ends the line.</summary>
    public Text Line([InterpolatedStringHandlerArgument("")] ref LineHandler line)
    {
        builder.Append('\n');
        return this;
    }

    public override string ToString() => builder.ToString();

    /// <summary>Appends an interpolated line's parts to its <see cref="Text"/>, numbers in the invariant culture.</summary>
    [InterpolatedStringHandler]
    public ref struct LineHandler
    {
        private StringBuilder.AppendInterpolatedStringHandler inner;

        public LineHandler(int literalLength, int formattedCount, Text text) =>
            inner = new StringBuilder.AppendInterpolatedStringHandler(literalLength, formattedCount, text.builder, CultureInfo.InvariantCulture);

        public void AppendLiteral(string value) => inner.AppendLiteral(value);

        public void AppendFormatted(string? value) => inner.AppendFormatted(value);

        public void AppendFormatted<T>(T value) => inner.AppendFormatted(value);
    }
}
