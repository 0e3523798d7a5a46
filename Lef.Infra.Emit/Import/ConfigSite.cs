using System.Globalization;

namespace Lef.Infra.Emit.Import;

/// <summary>A line of a live configuration file, <c>haproxy.cfg:42</c>: where every import finding points.</summary>
internal sealed record ConfigSite(string File, int Line)
{
    public override string ToString() => File + ":" + Line.ToString(CultureInfo.InvariantCulture);
}
