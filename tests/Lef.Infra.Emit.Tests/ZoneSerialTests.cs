using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Writers;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>SOA serials: kept while a view's zone is unchanged, bumped (and only there) when it changes, never backwards.</summary>
public sealed class ZoneSerialTests
{
    private static readonly DateOnly Day1 = new(2025, 3, 10);
    private static readonly DateOnly Day2 = new(2025, 3, 11);

    [Fact]
    public void A_new_zone_starts_at_the_days_first_serial() =>
        Assert.Equal(2025031000u, ZoneSerial.Choose(null, Render, Day1));

    [Fact]
    public void An_unchanged_zone_keeps_its_serial_whatever_the_date() =>
        Assert.Equal(2025031003u, ZoneSerial.Choose(Render(2025031003), Render, new DateOnly(2026, 1, 1)));

    [Fact]
    public void A_changed_zone_moves_to_the_days_first_serial_when_that_is_higher() =>
        Assert.Equal(2025031100u, ZoneSerial.Choose(Render(2025031003) + "x IN A 10.0.0.1\n", Render, Day2));

    [Fact]
    public void A_changed_zone_adds_one_when_the_day_is_used_up_or_the_clock_is_behind()
    {
        Assert.Equal(2025031004u, ZoneSerial.Choose(Render(2025031003) + "x IN A 10.0.0.1\n", Render, Day1));
        Assert.Equal(2025031004u, ZoneSerial.Choose(Render(2025031003) + "x IN A 10.0.0.1\n", Render, new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void A_hand_edited_serial_is_a_change_and_the_next_serial_is_above_both_copies()
    {
        // The header's copy still says ...03; the SOA was edited down to ...01: the file no longer renders as itself.
        var edited = Render(2025031003).Replace("    2025031003 ; serial", "    2025031001 ; serial", StringComparison.Ordinal);
        Assert.Equal(2025031003u, ZoneSerial.Read(edited));
        Assert.Equal(2025031004u, ZoneSerial.Choose(edited, Render, Day1));
    }

    [Fact]
    public void A_zone_without_a_file_of_its_own_starts_above_the_other_zones()
    {
        Assert.Equal(2025031008u, ZoneSerial.Choose(null, Render, Day1, floor: 2025031007));
        Assert.Equal(2025031100u, ZoneSerial.Choose(null, Render, Day2, floor: 2025031007));
    }

    [Fact]
    public void Reemitting_keeps_every_serial_and_changing_one_endpoint_bumps_only_the_views_that_publish_it()
    {
        using var deploy = new TempDirectory();
        using (var first = Compile(erpAddress: "10.20.0.101"))
        {
            Assert.Equal(Cli.Ok, Emit(first, deploy, Day1).ExitCode);
        }

        var day1 = Serials(deploy);
        Assert.Equal(new SortedDictionary<string, uint> { ["external"] = 2025031000, ["internal"] = 2025031000, ["lab"] = 2025031000 }, day1);
        var zones = ZoneTexts(deploy);

        // Unchanged records, a later day: every zone file is byte-identical, so every serial is kept.
        using (var same = Compile(erpAddress: "10.20.0.101"))
        {
            Assert.Equal(Cli.Ok, Emit(same, deploy, Day2).ExitCode);
            Assert.Equal(zones, ZoneTexts(deploy));
            Assert.Equal(Cli.Ok, Check(same, deploy, Day2).ExitCode);
        }

        // erp moves to another VIP: it is in internal and lab (its default), not in external.
        using (var moved = Compile(erpAddress: "10.20.0.111"))
        {
            Assert.Equal(Cli.Drift, Check(moved, deploy, Day2).ExitCode);
            Assert.Equal(Cli.Ok, Emit(moved, deploy, Day2).ExitCode);
            Assert.Equal(new SortedDictionary<string, uint> { ["external"] = 2025031000, ["internal"] = 2025031100, ["lab"] = 2025031100 }, Serials(deploy));
            Assert.Equal(zones["external"], ZoneTexts(deploy)["external"]);
            Assert.Contains("erp IN A 10.20.0.111", ZoneTexts(deploy)["internal"], StringComparison.Ordinal);
        }

        // Back again on the same day: the day's first serial is used up, so the changed views go one higher.
        using (var back = Compile(erpAddress: "10.20.0.101"))
        {
            Assert.Equal(Cli.Ok, Emit(back, deploy, Day2).ExitCode);
            Assert.Equal(new SortedDictionary<string, uint> { ["external"] = 2025031000, ["internal"] = 2025031101, ["lab"] = 2025031101 }, Serials(deploy));
        }
    }

    private static string Render(uint serial) => ZoneWriter.Write([("erp", "10.20.0.101")], serial, view: null);

    private static TopologySources Compile(string erpAddress) => TopologySources.Compile(new Dictionary<string, string>
    {
        ["Topology.cs"] = $$"""
            using Lef.Infra.Dsl;
            namespace Serials;
            public static class Pools
            {
                public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
                public static readonly VipPool Public = new(Host: "proxy.core.lef", Interface: "ens19", Network: "198.51.100.0/24", First: "198.51.100.10", Last: "198.51.100.20");
            }
            public static class Views
            {
                public static readonly DnsView Internal = new(Name: "internal", MatchClients: ["10.0.0.0/8"], Kind: ViewKind.Internal);
                public static readonly DnsView Lab = new(Name: "lab", MatchClients: ["10.99.0.0/16"], Kind: ViewKind.Internal);
                public static readonly DnsView External = new(Name: "external", MatchClients: ["any"], Kind: ViewKind.External);
            }
            public static class Vips
            {
                public static readonly Vip Erp = new(Pool: Pools.Core, Address: "{{erpAddress}}", Alias: 1);
                public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
                public static readonly Vip Portal = new(Pool: Pools.Public, Address: "198.51.100.10", Alias: 1);
            }
            public static class Endpoints
            {
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: 1433));
                public static readonly Endpoint Crm = new(Name: "crm", Vip: Vips.Crm, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-crm-01.core.lef", Port: 5432), Views: [Views.Internal]);
                public static readonly Endpoint Portal = new(Name: "portal", Vip: Vips.Portal, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-portal-01.core.lef", Port: 5432), Views: [Views.Internal, Views.External]);
            }
            """,
    });

    private static ToolResult Emit(TopologySources topology, TempDirectory deploy, DateOnly today) =>
        Emitter.RunOn(today, "emit", "--topology", topology.Directory, "--out", deploy.Path);

    private static ToolResult Check(TopologySources topology, TempDirectory deploy, DateOnly today) =>
        Emitter.RunOn(today, "emit", "--check", "--topology", topology.Directory, "--out", deploy.Path);

    private static SortedDictionary<string, string> ZoneTexts(TempDirectory deploy) =>
        new(Directory.GetDirectories(deploy.Combine("dns", "views"))
            .ToDictionary(v => Path.GetFileName(v), v => File.ReadAllText(Path.Combine(v, "db.lef.zone"))), StringComparer.Ordinal);

    private static SortedDictionary<string, uint> Serials(TempDirectory deploy) =>
        new(ZoneTexts(deploy).ToDictionary(z => z.Key, z => ZoneSerial.Read(z.Value)!.Value), StringComparer.Ordinal);
}
