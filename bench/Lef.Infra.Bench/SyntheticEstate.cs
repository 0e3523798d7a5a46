using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Lef.Infra.Bench;

/// <summary>
/// A conflict-free estate of N endpoints, split the way a real one is: pools in one file, then per team a file of VIPs and a
/// file of endpoints, so nearly every reference crosses files. Two endpoints share each VIP on different ports; every
/// VIP has its own alias; ports come from <c>Ports</c>, a file-local const and literals; a quarter of the records use
/// positional arguments. Two DNS views: the last pool is public and its endpoints are published in the external view too,
/// every tenth endpoint lists the internal view, the rest are in every internal view. Backends are IP addresses outside every pool (a host name makes <c>haproxy -c</c> resolve it
/// through libc, about 0.3 s per name that does not resolve here, which would swamp the reference).
/// </summary>
internal sealed class SyntheticEstate
{
    public const int EndpointsPerTeam = 100;
    public const int VipsPerPoolMax = 1000;
    public const string Namespace = "Estate";

    private SyntheticEstate(int endpoints, int vips, int pools, SortedDictionary<string, string> files)
    {
        EndpointCount = endpoints;
        VipCount = vips;
        PoolCount = pools;
        Files = files;
    }

    public int EndpointCount { get; }

    public int VipCount { get; }

    public int PoolCount { get; }

    /// <summary>C# sources by path relative to the estate's folder ('/'-separated), sorted.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public int TeamCount => (EndpointCount + EndpointsPerTeam - 1) / EndpointsPerTeam;

    /// <summary>The endpoints file of the team in the middle: where the keystroke benchmark types.</summary>
    public string KeystrokeFile => EndpointsFile(TeamCount / 2);

    /// <summary>The start of the name literal of the first endpoint in <see cref="KeystrokeFile"/>; typing into it keeps the estate valid.</summary>
    public string KeystrokeName => "\"" + EndpointName(TeamCount / 2 * EndpointsPerTeam);

    /// <summary>Where a keystroke renames a declaration: the first pool's field name, which every VIP of that pool references.</summary>
    public static string RenameFile => "Pools.cs";

    /// <summary>The start of the first pool's field name, up to the space that ends it.</summary>
    public static string RenameWord => "VipPool " + PoolField(0);

    public static SyntheticEstate Generate(int endpoints)
    {
        if (endpoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoints), "at least 2 endpoints");
        }

        var vips = (endpoints + 1) / 2;
        var pools = Math.Max(4, (vips + VipsPerPoolMax - 1) / VipsPerPoolMax);
        if (pools > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(endpoints), "at most 200,000 endpoints (100 pools of 10.100-199.x.x)");
        }

        var estate = new SyntheticEstate(endpoints, vips, pools, new SortedDictionary<string, string>(StringComparer.Ordinal));
        var files = (SortedDictionary<string, string>)estate.Files;
        files.Add("Pools.cs", estate.PoolsFile());
        files.Add("DnsViews.cs", ViewsFile());
        for (var team = 0; team < estate.TeamCount; team++)
        {
            files.Add(VipsFile(team), estate.VipsSource(team));
            files.Add(EndpointsFile(team), estate.EndpointsSource(team));
        }

        return estate;
    }

    public static string EndpointName(int endpoint) => "app" + endpoint.ToString("D5", CultureInfo.InvariantCulture);

    private static string VipsFile(int team) => "Vips/" + TeamName(team) + ".cs";

    private static string EndpointsFile(int team) => "Endpoints/" + TeamName(team) + ".cs";

    private static string TeamName(int team) => "Team" + team.ToString("D4", CultureInfo.InvariantCulture);

    private static string PoolField(int pool) => "Pool" + pool.ToString("D2", CultureInfo.InvariantCulture);

    private static string VipField(int vip) => "V" + vip.ToString("D5", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Address(uint address) =>
        Invariant((int)(address >> 24)) + "." + Invariant((int)((address >> 16) & 0xFF)) + "."
        + Invariant((int)((address >> 8) & 0xFF)) + "." + Invariant((int)(address & 0xFF));

    /// <summary>Pool p is 10.(100+p).0.0/20, the last one public (198.18.0.0/20); VIPs from .0.10 on. Pools alternate between two proxy hosts.</summary>
    private uint PoolBase(int pool) => IsPublic(pool) ? (198u << 24) | (18u << 16) : (10u << 24) | ((uint)(100 + pool) << 16);

    private bool IsPublic(int pool) => pool == PoolCount - 1;

    /// <summary>172.16.0.0/12, outside every pool and VIP (LEF0010); no .0 or .255.</summary>
    private static string BackendAddress(int endpoint) =>
        "172." + Invariant(16 + (endpoint / (250 * 256))) + "." + Invariant(endpoint / 250 % 256) + "." + Invariant((endpoint % 250) + 1);

    private static string HostOf(int pool) => pool % 2 == 0 ? "proxy.core.lef" : "proxy.edge.lef";

    private static string InterfaceOf(int pool) => "ens" + Invariant(18 + (pool / 2));

    private int VipsPerPool => (VipCount + PoolCount - 1) / PoolCount;

    private static string ViewsFile() =>
        Footer(Header("DnsViews")
            .Append("    public static readonly DnsView Internal = new(\n")
            .Append("        Name: \"internal\",\n")
            .Append("        MatchClients: [\"10.0.0.0/8\", \"172.16.0.0/12\", \"192.168.0.0/16\"],\n")
            .Append("        Kind: ViewKind.Internal);\n\n")
            .Append("    public static readonly DnsView External = new(Name: \"external\", MatchClients: [\"any\"], Kind: ViewKind.External);\n"));

    private string PoolsFile()
    {
        var text = Header("Pools");
        for (var pool = 0; pool < PoolCount; pool++)
        {
            var first = PoolBase(pool) + 10;
            var last = PoolBase(pool) + (15u << 8) + 250;
            text.Append("    public static readonly VipPool ").Append(PoolField(pool)).Append(" = new(\n")
                .Append("        Host: \"").Append(HostOf(pool)).Append("\",\n")
                .Append("        Interface: \"").Append(InterfaceOf(pool)).Append("\",\n")
                .Append("        Network: \"").Append(Address(PoolBase(pool))).Append("/20\",\n")
                .Append("        First: \"").Append(Address(first)).Append("\",\n")
                .Append("        Last: \"").Append(Address(last)).Append("\");\n\n");
        }

        return Footer(text);
    }

    private string VipsSource(int team)
    {
        var text = Header(TeamName(team) + "Vips");
        var firstVip = team * EndpointsPerTeam / 2;
        var lastVip = Math.Min(VipCount, (team + 1) * EndpointsPerTeam / 2);
        for (var vip = firstVip; vip < lastVip; vip++)
        {
            var pool = vip / VipsPerPool;
            var slot = vip % VipsPerPool;
            var address = Address(PoolBase(pool) + 10 + (uint)slot);
            text.Append("    public static readonly Vip ").Append(VipField(vip)).Append(" = new(");
            _ = vip % 4 == 3
                ? text.Append("Pools.").Append(PoolField(pool)).Append(", \"").Append(address).Append("\", ").Append(Invariant(slot + 1))
                : text.Append("Pool: Pools.").Append(PoolField(pool)).Append(", Address: \"").Append(address).Append("\", Alias: ").Append(Invariant(slot + 1));
            text.Append(");\n");
        }

        return Footer(text);
    }

    private string EndpointsSource(int team)
    {
        var text = Header(TeamName(team) + "Endpoints");
        text.Append("    // Ledger services listen where the vendor says; one const per team, as real estates do.\n")
            .Append("    private const int LedgerPort = 3050;\n\n");
        var last = Math.Min(EndpointCount, (team + 1) * EndpointsPerTeam);
        for (var endpoint = team * EndpointsPerTeam; endpoint < last; endpoint++)
        {
            var vip = endpoint / 2;
            var vipReference = TeamName(team) + "Vips." + VipField(vip);
            var (engine, port, backendPort) = (endpoint % 2, vip % 2) switch
            {
                (0, 0) => ("Engine.SqlServer", "Ports.SqlServer", "Ports.SqlServer"),
                (0, _) => ("Engine.PostgreSql", "Ports.PostgreSql", "5432"),
                _ => ("Engine.Tcp", "LedgerPort", "LedgerPort"),
            };
            var views = IsPublic(vip / VipsPerPool) ? "[DnsViews.Internal, DnsViews.External]" : endpoint % 10 == 0 ? "[DnsViews.Internal]" : null;
            text.Append("    public static readonly Endpoint ").Append(Field(endpoint)).Append(" = new(\n");
            _ = endpoint % 4 == 1
                ? text.Append("        \"").Append(EndpointName(endpoint)).Append("\", ").Append(vipReference).Append(", ").Append(port).Append(", ").Append(engine)
                    .Append(", new Backend(\"").Append(BackendAddress(endpoint)).Append("\", ").Append(backendPort).Append(')')
                    .Append(views is null ? string.Empty : ", " + views).Append(");\n\n")
                : text.Append("        Name: \"").Append(EndpointName(endpoint)).Append("\",\n")
                    .Append("        Vip: ").Append(vipReference).Append(",\n")
                    .Append("        Port: ").Append(port).Append(",\n")
                    .Append("        Engine: ").Append(engine).Append(",\n")
                    .Append("        Backend: new Backend(Host: \"").Append(BackendAddress(endpoint)).Append("\", Port: ").Append(backendPort).Append(')')
                    .Append(views is null ? string.Empty : ",\n        Views: " + views).Append(");\n\n");
        }

        return Footer(text);
    }

    private static string Field(int endpoint) => "App" + endpoint.ToString("D5", CultureInfo.InvariantCulture);

    private static StringBuilder Header(string className) =>
        new StringBuilder("using Lef.Infra.Dsl;\n\nnamespace ").Append(Namespace).Append(";\n\npublic static class ").Append(className).Append("\n{\n");

    private static string Footer(StringBuilder text) => text.Append("}\n").ToString();
}
