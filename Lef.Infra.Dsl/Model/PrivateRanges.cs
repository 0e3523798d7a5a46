using System.Collections.Generic;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// Addresses that mean something only inside a site or a host: clients outside cannot reach them, and an external view
/// must not tell them (LEF0015). RFC 5737 documentation ranges are not listed: examples use them as public addresses.
/// </summary>
public static class PrivateRanges
{
    private static readonly (string Cidr, string Why)[] Table =
    [
        ("0.0.0.0/8", "\"this network\", RFC 1122"),
        ("10.0.0.0/8", "private, RFC 1918"),
        ("100.64.0.0/10", "carrier-grade NAT shared space, RFC 6598"),
        ("127.0.0.0/8", "loopback, RFC 1122"),
        ("169.254.0.0/16", "link-local, RFC 3927"),
        ("172.16.0.0/12", "private, RFC 1918"),
        ("192.168.0.0/16", "private, RFC 1918"),
        ("224.0.0.0/4", "multicast, RFC 5771"),
        ("240.0.0.0/4", "reserved, RFC 1112"),
    ];

    private static readonly List<(Ipv4Network Network, string Why)> Networks = Parse();

    /// <summary>The range an address falls in, as "10.0.0.0/8, private, RFC 1918"; null for a public address.</summary>
    public static string? Describe(uint address)
    {
        foreach (var (network, why) in Networks)
        {
            if (network.Contains(address))
            {
                return network + ", " + why;
            }
        }

        return null;
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
