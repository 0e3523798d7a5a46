using System.Globalization;
using System.Threading;
using Lef.Infra.Emit.Writers;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>An interpolated line goes straight into the artifact: it must read exactly as the concatenated one, whatever the culture.</summary>
public sealed class TextTests
{
    [Fact]
    public void An_interpolated_line_is_the_concatenated_line_in_the_invariant_culture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "~";
        var before = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = culture;
        try
        {
            var (name, port, offset, missing) = ("erp", 1433, -1, (int?)null);

            var text = new Text().Line($"listen {name}-{port} {offset}{missing}|").Line("plain").ToString();

            Assert.Equal("listen erp-1433 -1|\nplain\n", text);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
    }
}
