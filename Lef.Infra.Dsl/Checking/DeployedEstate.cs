using System;
using System.Collections.Generic;
using System.Globalization;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Checking;

/// <summary>
/// What is deployed, as the committed Core LAN address map (deploy/docs/core-lan-address-map.json) records it: each VIP address
/// and alias with the field that declared it. The code fixes keep these where they are; an unreadable map is an unknown estate.
/// </summary>
public sealed class DeployedEstate
{
    /// <summary>The address map's file name, as the emitter writes it under deploy/docs/.</summary>
    public const string FileName = "core-lan-address-map.json";

    private readonly Dictionary<uint, string> fieldByAddress = [];
    private readonly Dictionary<string, uint> addressByField = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> fieldByAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> aliasByField = new(StringComparer.Ordinal);

    private DeployedEstate()
    {
    }

    /// <summary>Nothing known to be deployed: the fixes fall back to field-name order.</summary>
    public static DeployedEstate Unknown { get; } = new();

    public bool IsKnown => fieldByAddress.Count > 0;

    /// <summary>The estate in an address map's text; <see cref="Unknown"/> when the text is anything but a map this project wrote.</summary>
    public static DeployedEstate Parse(string? json)
    {
        if (json is null
            || AddressMapJson.Parse(json, out _) is not Dictionary<string, object?> root
            || !root.TryGetValue("addresses", out var listed)
            || listed is not List<object?> addresses)
        {
            return Unknown;
        }

        var estate = new DeployedEstate();
        foreach (var item in addresses)
        {
            if (item is not Dictionary<string, object?> entry
                || Text(entry, "address") is not { } text || !Ipv4.TryParse(text, out var address)
                || Text(entry, "owner") is not { } owner || owner.Length == 0
                || Text(entry, "interface") is not { } alias || alias.IndexOf(':') <= 0
                || Text(entry, "declaredBy") is not { } field || field.Length == 0
                || estate.fieldByAddress.ContainsKey(address) || estate.addressByField.ContainsKey(field))
            {
                return Unknown;
            }

            var aliasKey = AliasKey(owner, alias);
            if (estate.fieldByAlias.ContainsKey(aliasKey))
            {
                return Unknown;
            }

            estate.fieldByAddress.Add(address, field);
            estate.addressByField.Add(field, address);
            estate.fieldByAlias.Add(aliasKey, field);
            estate.aliasByField.Add(field, aliasKey);
        }

        return estate;
    }

    /// <summary>Whether this VIP's field is deployed at the address it declares now.</summary>
    public bool HoldsAddress(VipDeclaration vip) =>
        vip.TryGetAddress(out var address) && fieldByAddress.TryGetValue(address, out var field) && field == vip.Field;

    /// <summary>Whether this VIP's field is deployed on the alias (owner, interface and number) it declares now.</summary>
    /// <param name="vip">The VIP.</param>
    /// <param name="owner">Its pool's host, or its pair's name (<see cref="TopologyModel.OwnerOf"/>): the map's "owner".</param>
    /// <param name="parent">Its pool's interface.</param>
    public bool HoldsAlias(VipDeclaration vip, string? owner, string? parent) =>
        vip.Alias is { } alias && owner is { } host && parent is not null
        && fieldByAlias.TryGetValue(AliasKey(host, Rules.AliasClashRule.AliasName(parent, alias)), out var field) && field == vip.Field;

    /// <summary>Whether some field is deployed at the address.</summary>
    public bool IsDeployed(uint address) => fieldByAddress.ContainsKey(address);

    /// <summary>Whether some field is deployed on this alias of the host.</summary>
    public bool IsDeployed(string host, string aliasName) => fieldByAlias.ContainsKey(AliasKey(host, aliasName));

    /// <summary>The address the field is deployed at, if it is.</summary>
    public uint? AddressOf(string field) => addressByField.TryGetValue(field, out var address) ? address : null;

    /// <summary>The alias number the field is deployed on, if it is deployed on this host's interface.</summary>
    public int? AliasOf(string field, string host, string parentInterface)
    {
        var prefix = AliasKey(host, parentInterface + ":");
        return aliasByField.TryGetValue(field, out var key) && key.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(key.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var alias)
            ? alias
            : null;
    }

    private static string? Text(Dictionary<string, object?> entry, string name) =>
        entry.TryGetValue(name, out var value) ? value as string : null;

    // Host names are DNS (case-insensitive); interface names are Linux's (case-sensitive).
    private static string AliasKey(string host, string aliasName) => host.ToLowerInvariant() + "\n" + aliasName;
}
