namespace Lef.Infra.Dsl.Model;

/// <summary>
/// Strict name syntax. Names flow into haproxy.cfg, interfaces and zone files; anything outside these sets (space, newline,
/// '#', ';', quotes) could end a line or start a directive nobody declared.
/// </summary>
public static class Names
{
    /// <summary>Linux IFNAMSIZ is 16 bytes with the terminating NUL.</summary>
    public const int MaxInterfaceName = 15;

    /// <summary>One DNS label (RFC 1035, with digits first allowed as in RFC 1123): 1-63 letters, digits, hyphens, no hyphen at either end.</summary>
    public static bool IsDnsLabel(string? text)
    {
        if (text is null || text.Length is 0 or > 63 || text[0] == '-' || text[text.Length - 1] == '-')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A host name: dot-separated DNS labels, at most 253 characters, no trailing dot, not all digits (that is an address).</summary>
    public static bool IsHostName(string? text)
    {
        if (text is null || text.Length is 0 or > 253 || Ipv4.LooksLikeAddress(text))
        {
            return false;
        }

        foreach (var label in text.Split('.'))
        {
            if (!IsDnsLabel(label))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A Linux interface name as ifupdown and iproute2 accept it: 1-15 of letters, digits, '-', '_', '.'; never ':' (the
    /// alias separator), and not a leading '-' (ifup reads <c>-eth0:1</c> as options, and <c>ip link</c> calls it garbage).
    /// </summary>
    public static bool IsInterfaceName(string? text)
    {
        if (text is null || text.Length is 0 or > MaxInterfaceName || text is "." or ".." || text[0] == '-')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsLetterOrDigit(c) && c is not '-' and not '_' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An interface's name in a run-parts file name (<c>source-directory</c> skips names with dots): a VLAN's dot becomes '_'.</summary>
    /// <summary>A value quoted in a message with its control characters escaped, so the message cannot be split or spoofed.</summary>
    public static string Printable(string value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c < ' ' || c == '\u007f' ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString());
        }

        return text.ToString();
    }

    public static string RunPartsName(string interfaceName) => interfaceName.Replace('.', '_');

    /// <summary>One spelling per host: host names are DNS names, so <c>PROXY.core.lef</c> is <c>proxy.core.lef</c>.</summary>
    public static string HostKey(string host) => host.ToLowerInvariant();

    /// <summary>Whether two host names name one host (ASCII case-insensitive, as DNS compares them).</summary>
    public static bool SameHost(string? first, string? second) => string.Equals(first, second, System.StringComparison.OrdinalIgnoreCase);

    private static bool IsLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
