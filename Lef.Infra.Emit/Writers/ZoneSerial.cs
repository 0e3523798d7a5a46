using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// The SOA serial: kept while a zone's text is unchanged, otherwise max(previous + 1, YYYYMMDD00), so it only ever grows
/// and secondaries see every change. Pure: the previous file and the date are passed in.
/// </summary>
internal static partial class ZoneSerial
{
    /// <summary>The first serial of a day, YYYYMMDD00.</summary>
    public static uint FirstOf(DateOnly day) => (uint)((day.Year * 1_000_000) + (day.Month * 10_000) + (day.Day * 100));

    /// <param name="previous">The zone file as the last deploy wrote it, or null.</param>
    /// <param name="render">The zone with a given serial.</param>
    /// <param name="today">The date a new serial starts from.</param>
    /// <param name="floor">
    /// The highest serial of the other db.lef zones the last deploy wrote: a zone with no file of its own (views introduced
    /// or renamed) still starts above it, so db.lef's serial never goes backwards on the server.
    /// </param>
    public static uint Choose(string? previous, Func<uint, string> render, DateOnly today, uint? floor = null)
    {
        var serial = previous is null ? null : Read(previous);
        if (serial is null)
        {
            return floor is { } highest ? Math.Max(Next(highest), FirstOf(today)) : FirstOf(today);
        }

        return render(serial.Value) == previous ? serial.Value : Math.Max(Next(serial.Value), FirstOf(today));
    }

    /// <summary>
    /// The larger of the SOA serial and the header's copy of it; null when neither is there. The copy makes a hand-edited
    /// serial a change that --check reports, and never lets the next serial go backwards.
    /// </summary>
    public static uint? Read(string zone)
    {
        uint? serial = null;
        foreach (Match match in SerialLine().Matches(zone))
        {
            var digits = match.Groups["soa"].Success ? match.Groups["soa"].Value : match.Groups["copy"].Value;
            if (uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (serial is null || value > serial))
            {
                serial = value;
            }
        }

        return serial;
    }

    private static uint Next(uint serial) => serial == uint.MaxValue ? 0 : serial + 1;

    [GeneratedRegex(@"^(?:    (?<soa>[0-9]{1,10}) ; serial|; Serial (?<copy>[0-9]{1,10}):.*)$", RegexOptions.Multiline)]
    private static partial Regex SerialLine();
}
