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

    /// <summary>
    /// True when the text is meant as an address, so it must parse as one: digits and dots, or any other form the C
    /// resolver (inet_aton, which HAProxy's libc lookup uses) reads as an address: up to four parts, each decimal, octal or
    /// 0x-hex. <c>0x7f.1</c> is no host name but 127.0.0.1.
    /// </summary>
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
                return IsResolverNumber(text);
            }
        }

        return true;
    }

    private static bool IsResolverNumber(string text)
    {
        var parts = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var hex = i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X';
            var start = i += hex ? 2 : 0;
            for (; i < text.Length && text[i] != '.'; i++)
            {
                if (!(text[i] is >= '0' and <= '9' || (hex && text[i] is >= 'a' and <= 'f' or >= 'A' and <= 'F')))
                {
                    return false;
                }
            }

            if ((!hex && i == start) || (i < text.Length && ++parts > 4))
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
