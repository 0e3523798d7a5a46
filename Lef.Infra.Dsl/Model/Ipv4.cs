using System.Globalization;

namespace Lef.Infra.Dsl.Model;

/// <summary>Strict dotted-quad IPv4: four decimal octets 0-255, no leading zeros (010 is octal to some tools), no spaces.</summary>
public static class Ipv4
{
    public static bool TryParse(string? text, out uint address)
    {
        address = 0;
        if (text is null || text.Length is < 7 or > 15)
        {
            return false;
        }

        var octets = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var value = 0;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            address = (address << 8) | (uint)value;
            octets++;
            if (octets == 4)
            {
                return i == text.Length;
            }

            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>True when the text is made of digits and dots only: meant as an address, so it must parse as one.</summary>
    public static bool LooksLikeAddress(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9') and not '.')
            {
                return false;
            }
        }

        return true;
    }

    public static string Format(uint address) =>
        string.Join(
            ".",
            (address >> 24).ToString(CultureInfo.InvariantCulture),
            ((address >> 16) & 0xFF).ToString(CultureInfo.InvariantCulture),
            ((address >> 8) & 0xFF).ToString(CultureInfo.InvariantCulture),
            (address & 0xFF).ToString(CultureInfo.InvariantCulture));
}
