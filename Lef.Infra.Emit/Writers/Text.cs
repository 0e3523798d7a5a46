using System.Text;

namespace Lef.Infra.Emit.Writers;

/// <summary>A text artifact under construction: LF line endings whatever the platform, so output is byte-identical everywhere.</summary>
internal sealed class Text
{
    private readonly StringBuilder builder = new();

    public Text Line(string line = "")
    {
        builder.Append(line).Append('\n');
        return this;
    }

    public override string ToString() => builder.ToString();
}
