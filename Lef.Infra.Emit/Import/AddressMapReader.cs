using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Import;

/// <summary>A pool as the emitter's Core LAN address map lists it: its documented range and the field that declares it.</summary>
internal sealed record AddressMapPool(string Network, string First, string Last, string Owner, string Interface, string DeclaredBy);

/// <summary>
/// Reads the pools of docs/core-lan-address-map.json, the one artifact that records what the live files cannot tell: the
/// documented First..Last of each pool and its field name. Other JSON is refused rather than guessed at.
/// </summary>
internal static class AddressMapReader
{
    /// <summary>The pools, or null with the reason when the text is not an address map the emitter wrote.</summary>
    public static (IReadOnlyList<AddressMapPool>? Pools, string? Error) Read(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("pools", out var pools) || pools.ValueKind != JsonValueKind.Array)
            {
                return (null, "it has no \"pools\" list (is it the core-lan-address-map.json Lef.Infra emits?)");
            }

            var read = new List<AddressMapPool>();
            var index = 0;
            foreach (var pool in pools.EnumerateArray())
            {
                index++;
                var entry = new AddressMapPool(
                    Text(pool, "network"), Text(pool, "first"), Text(pool, "last"), Text(pool, "owner"), Text(pool, "interface"), Text(pool, "declaredBy"));
                if (Invalid(entry) is { } why)
                {
                    return (null, "pool " + index.ToString(CultureInfo.InvariantCulture) + " of \"pools\" " + why);
                }

                read.Add(entry);
            }

            return (read, null);
        }
        catch (JsonException e)
        {
            return (null, "it is not JSON: " + e.Message);
        }
    }

    /// <summary>Why an entry is not a pool the emitter could have written, or null.</summary>
    private static string? Invalid(AddressMapPool pool)
    {
        if (!Ipv4Network.TryParse(pool.Network, out var network, out _))
        {
            return "has no \"network\" such as 10.20.0.0/24 (it has `" + pool.Network + "`)";
        }

        if (!Ipv4.TryParse(pool.First, out var first) || !Ipv4.TryParse(pool.Last, out var last))
        {
            return "(" + pool.Network + ") has no \"first\" and \"last\" IPv4 addresses";
        }

        if (!network.Contains(first) || !network.Contains(last) || first > last)
        {
            return "(" + pool.Network + "): " + pool.First + ".." + pool.Last + " is not a range inside it";
        }

        return pool.Owner.Length == 0 || pool.Interface.Length == 0 ? "(" + pool.Network + ") has no \"owner\" and \"interface\"" : null;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
