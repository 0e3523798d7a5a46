namespace Lef.Infra.Dsl.Model;

/// <summary>A pool's usable addresses, First..Last, when all three of its addresses parse.</summary>
public readonly struct AddressRange
{
    public AddressRange(Ipv4Network network, uint first, uint last)
    {
        Network = network;
        First = first;
        Last = last;
    }

    public Ipv4Network Network { get; }

    public uint First { get; }

    public uint Last { get; }

    public bool Contains(uint address) => address >= First && address <= Last;

    /// <summary>Whether the address may be bound as a VIP: in the network, in First..Last, not the network or broadcast address.</summary>
    public bool IsUsable(uint address) =>
        Contains(address) && Network.Contains(address)
        && (Network.Prefix >= 31 || (address != Network.Address && address != Network.Broadcast));

    public static AddressRange? Of(PoolDeclaration pool) =>
        Ipv4Network.TryParse(pool.Network, out var network, out _) && Ipv4.TryParse(pool.First, out var first) && Ipv4.TryParse(pool.Last, out var last)
            ? new AddressRange(network, first, last)
            : null;
}
