using System;
using System.Collections.Generic;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// The Core LAN address map's share of Lef.Infra: every VIP pool and every VIP, with the host that owns it, as JSON a docs
/// site (or the map generator) reads as data. Sorted by address, so a new VIP is a one-entry diff.
/// </summary>
internal static class AddressMapWriter
{
    public const string FileName = "core-lan-address-map.json";

    /// <summary>The generated-file note; JSON has no comments, so it is a field (plain words: the default encoder escapes backticks).</summary>
    public const string GeneratedBy = "Lef.Infra, from Topology/*.cs. Do not edit: change the Topology and run dotnet run --project Lef.Infra.Emit.";

    public static string Write(TopologyModel model)
    {
        // Written straight into one growing buffer (a Stream would have the writer buffer it all, then copy it).
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("generatedBy", GeneratedBy);
            json.WriteStartArray("pools");
            foreach (var pool in model.Pools.OrderBy(p => NetworkOf(p).Address).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("network", pool.Network);
                json.WriteString("first", pool.First);
                json.WriteString("last", pool.Last);
                WriteOwner(json, model, pool);
                json.WriteString("interface", pool.Interface);
                json.WriteString("use", "TCP proxy VIP pool");
                json.WriteString("declaredBy", pool.Field);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("addresses");
            var endpointsByVip = model.Endpoints.ToLookup(e => e.VipKey, StringComparer.Ordinal);
            foreach (var vip in model.Vips.OrderBy(v => AddressOf(v)).ThenBy(v => v.Key, StringComparer.Ordinal))
            {
                WriteVip(json, model, model.PoolOf(vip)!, vip, endpointsByVip[vip.Key].ToList());
            }

            json.WriteEndArray();
            if (model.Clusters.Count > 0)
            {
                WriteClusters(json, model);
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The host, or for a pair its name and its nodes, master first: keepalived moves the address between them.</summary>
    private static void WriteOwner(Utf8JsonWriter json, TopologyModel model, PoolDeclaration pool)
    {
        if (model.PairOf(pool) is not { } pair)
        {
            json.WriteString("owner", pool.Host);
            return;
        }

        json.WriteString("owner", pair.Name);
        json.WriteStartArray("nodes");
        json.WriteStringValue(pair.FirstIsMaster ? pair.FirstHost : pair.SecondHost);
        json.WriteStringValue(pair.FirstIsMaster ? pair.SecondHost : pair.FirstHost);
        json.WriteEndArray();
        json.WriteString("heldBy", "keepalived");
    }

    private static void WriteVip(Utf8JsonWriter json, TopologyModel model, PoolDeclaration pool, VipDeclaration vip, List<EndpointDeclaration> endpoints)
    {
        json.WriteStartObject();
        json.WriteString("address", vip.Address);
        WriteOwner(json, model, pool);
        json.WriteString("interface", pool.Interface + ":" + vip.Alias!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("network", pool.Network);
        json.WriteString("use", "TCP proxy VIP");
        json.WriteStartArray("names");
        foreach (var name in SortedOnce(endpoints.ConvertAll(e => e.Name!.ToLowerInvariant() + "." + ZoneWriter.Origin), StringComparer.Ordinal))
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("ports");
        foreach (var port in SortedOnce(endpoints.ConvertAll(e => e.Port!.Value), Comparer<int>.Default))
        {
            json.WriteNumberValue(port);
        }

        json.WriteEndArray();
        json.WriteString("declaredBy", vip.Field);
        json.WriteEndObject();
    }

    /// <summary>The database clusters behind the VIPs: their servers (the addresses the proxy connects to) and who routes where.</summary>
    private static void WriteClusters(Utf8JsonWriter json, TopologyModel model)
    {
        json.WriteStartArray("clusters");
        foreach (var cluster in model.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", cluster.Name);
            json.WriteString("engine", cluster.Engine.ToString());
            json.WriteString("roleCheck", cluster.Check switch
            {
                RoleCheck.PatroniRest => "patroni-rest",
                RoleCheck.GaleraClustercheck => "galera-clustercheck",
                RoleCheck.RedisReplication => "redis-replication",
                _ => "none",
            });
            json.WriteStartArray("servers");
            var nodes = cluster.Nodes!;
            for (var i = 0; i < nodes.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", HaproxyConfigWriter.ServerName(cluster, i));
                json.WriteString("host", nodes[i].Host);
                json.WriteNumber("port", nodes[i].Port!.Value);
                if (cluster.ChecksOverHttp)
                {
                    json.WriteNumber("checkPort", nodes[i].CheckPort!.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("endpoints");
            foreach (var endpoint in model.Endpoints.Where(e => ReferenceEquals(model.ClusterOf(e), cluster))
                .OrderBy(e => e.Name!.ToLowerInvariant(), StringComparer.Ordinal).ThenBy(e => e.Port))
            {
                json.WriteStartObject();
                json.WriteString("name", endpoint.Name!.ToLowerInvariant() + "." + ZoneWriter.Origin);
                json.WriteNumber("port", endpoint.Port!.Value);
                json.WriteString("role", (endpoint.Role ?? ClusterRole.Primary).ToString().ToLowerInvariant());
                if (endpoint.MaxLagBytes is > 0)
                {
                    json.WriteNumber("maxLagBytes", endpoint.MaxLagBytes.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("declaredBy", cluster.Field);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// Distinct values in order; what <c>Distinct().Order()</c> gives, without a set and a sort buffer for each of thousands
    /// of VIPs that mostly have one or two.
    /// </summary>
    private static List<T> SortedOnce<T>(List<T> values, IComparer<T> comparer)
    {
        values.Sort(comparer);
        var kept = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (kept == 0 || comparer.Compare(values[kept - 1], values[i]) != 0)
            {
                values[kept++] = values[i];
            }
        }

        values.RemoveRange(kept, values.Count - kept);
        return values;
    }

    private static Ipv4Network NetworkOf(PoolDeclaration pool)
    {
        Ipv4Network.TryParse(pool.Network, out var network, out _);
        return network;
    }

    private static uint AddressOf(VipDeclaration vip)
    {
        vip.TryGetAddress(out var address);
        return address;
    }
}
