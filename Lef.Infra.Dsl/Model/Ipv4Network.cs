using System.Globalization;

namespace Lef.Infra.Dsl.Model;

/// <summary>An IPv4 network in CIDR form, <c>10.20.0.0/24</c>. Host bits must be zero.</summary>
public readonly struct Ipv4Network
{
    private Ipv4Network(uint address, int prefix)
    {
        Address = address;
        Prefix = prefix;
    }

    public uint Address { get; }

    public int Prefix { get; }

    public uint Mask => Prefix == 0 ? 0u : uint.MaxValue << (32 - Prefix);

    public uint Broadcast => Address | ~Mask;

    public bool Contains(uint address) => (address & Mask) == Address;

    public bool Overlaps(Ipv4Network other) => Contains(other.Address) || other.Contains(Address);

    public override string ToString() => Ipv4.Format(Address) + "/" + Prefix.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>a.b.c.d/n</c>. On failure <paramref name="error"/> says why, for LEF0013.</summary>
    public static bool TryParse(string? text, out Ipv4Network network, out string error)
    {
        network = default;
        var slash = text?.IndexOf('/') ?? -1;
        if (text is null || slash < 0)
        {
            error = "expected CIDR form a.b.c.d/prefix";
            return false;
        }

        if (!Ipv4.TryParse(text.Substring(0, slash), out var address))
        {
            error = "the address part is not a dotted-quad IPv4 address";
            return false;
        }

        var prefixText = text.Substring(slash + 1);
        if (prefixText.Length is 0 or > 2 || (prefixText.Length == 2 && prefixText[0] == '0')
            || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            error = "the prefix must be a number from 0 to 32";
            return false;
        }

        var candidate = new Ipv4Network(address, prefix);
        if ((address & ~candidate.Mask) != 0)
        {
            error = "host bits are set (did you mean " + Ipv4.Format(address & candidate.Mask) + "/" + prefixText + "?)";
            return false;
        }

        network = candidate;
        error = string.Empty;
        return true;
    }
}
