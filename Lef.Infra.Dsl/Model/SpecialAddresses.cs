using System;
using System.Collections.Generic;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// Addresses and names that never mean one host on the LAN: no VIP can be one (LEF0002, LEF0009), and a backend there is
/// the proxy itself or nobody (LEF0010).
/// </summary>
public static class SpecialAddresses
{
    private static readonly (string Cidr, string Why)[] Table =
    [
        ("0.0.0.0/8", "\"this network\" (RFC 1122; 0.0.0.0 is the unspecified address)"),
        ("127.0.0.0/8", "loopback (RFC 1122): the host itself"),
        ("224.0.0.0/4", "multicast (RFC 5771)"),
        ("240.0.0.0/4", "reserved (RFC 1112; 255.255.255.255 is the limited broadcast)"),
    ];

    private static readonly List<(Ipv4Network Network, string Why)> Networks = Parse();

    private static readonly Ipv4Network Loopback = Networks[1].Network;

    /// <summary>Whether a pool on this interface may hold loopback VIPs: on <c>lo</c> they are what it carries (VIPs for local clients only).</summary>
    public static bool AllowsLoopback(string? parentInterface) => parentInterface == "lo";

    /// <summary>The range an address falls in, as "127.0.0.0/8, loopback ..."; null for an address that can be a host.</summary>
    public static string? Describe(uint address, bool allowLoopback = false)
    {
        foreach (var (network, why) in Networks)
        {
            if (network.Contains(address) && !(allowLoopback && network.Address == Loopback.Address))
            {
                return network + ", " + why;
            }
        }

        return null;
    }

    /// <summary>The first such range a network overlaps; null when it overlaps none.</summary>
    public static string? Overlapping(Ipv4Network network, bool allowLoopback = false)
    {
        foreach (var (special, why) in Networks)
        {
            if (special.Overlaps(network) && !(allowLoopback && special.Address == Loopback.Address && network.Prefix >= Loopback.Prefix))
            {
                return special + ", " + why;
            }
        }

        return null;
    }

    /// <summary>
    /// A name that always resolves to the host itself: <c>localhost</c> and any name under it (RFC 6761), and Debian's
    /// /etc/hosts names for ::1; case and a trailing dot ignored.
    /// </summary>
    public static bool IsLocalHostName(string name)
    {
        var bare = name.TrimEnd('.');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("ip6-localhost", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("ip6-loopback", StringComparison.OrdinalIgnoreCase);
    }

    private static List<(Ipv4Network, string)> Parse()
    {
        var networks = new List<(Ipv4Network, string)>();
        foreach (var (cidr, why) in Table)
        {
            Ipv4Network.TryParse(cidr, out var network, out _);
            networks.Add((network, why));
        }

        return networks;
    }
}
