using System;
using System.IO;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Xunit;

namespace Lef.Infra.Dsl.Tests;

/// <summary>The committed address map read as the deployed estate, and everything else read as an unknown estate, never an exception.</summary>
public sealed class DeployedEstateTests
{
    private const string OneVip = """
        { "generatedBy": "x", "pools": [], "addresses": [
          { "address": "10.20.0.101", "owner": "Proxy.Core.lef", "interface": "ens18:1", "names": ["erp.db.lef"], "ports": [1433, 5432.0], "declaredBy": "Vips.Erp", "x": [true, false, null, {}, [], -1.5e3] }
        ] }
        """;

    [Fact]
    public void The_committed_address_map_is_the_estate_of_the_example_topology()
    {
        var estate = DeployedEstate.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "deploy", "docs", DeployedEstate.FileName)));

        Assert.True(estate.IsKnown);
        Assert.Equal("10.20.0.101", Ipv4.Format(estate.AddressOf("Vips.Erp")!.Value));
        Assert.Equal(1, estate.AliasOf("Vips.Erp", "proxy.core.lef", "ens18"));
        Assert.Null(estate.AddressOf("Vips.Nobody"));
    }

    [Fact]
    public void A_vip_holds_its_address_and_alias_only_under_the_field_that_deployed_them()
    {
        var estate = DeployedEstate.Parse(OneVip);
        var pool = new PoolDeclaration { Key = "T.Pools.Core", Field = "Pools.Core", Site = Site(), Host = "proxy.core.LEF", Interface = "ens18" };

        Assert.True(estate.HoldsAddress(Vip("Vips.Erp", "10.20.0.101", 1)));
        Assert.True(estate.HoldsAlias(Vip("Vips.Erp", "10.20.0.101", 1), pool.Host, pool.Interface));
        Assert.False(estate.HoldsAddress(Vip("Vips.Crm", "10.20.0.101", 1)));
        Assert.False(estate.HoldsAlias(Vip("Vips.Crm", "10.20.0.102", 1), pool.Host, pool.Interface));
        Assert.False(estate.HoldsAddress(Vip("Vips.Erp", "10.20.0.102", 1)));
        Assert.False(estate.HoldsAlias(Vip("Vips.Erp", "10.20.0.101", 2), pool.Host, pool.Interface));
        Assert.True(estate.IsDeployed(Ipv4Of("10.20.0.101")));
        Assert.True(estate.IsDeployed("PROXY.core.lef", "ens18:1"));
        Assert.False(estate.IsDeployed("proxy.core.lef", "ENS18:1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"addresses\": {}}")]
    [InlineData("{\"addresses\": [1]}")]
    [InlineData("{\"addresses\": [{\"address\": \"10.20.0.101\", \"owner\": \"p\", \"interface\": \"ens18:1\"}]}")]
    [InlineData("{\"addresses\": [{\"address\": \"10.20.0.01\", \"owner\": \"p\", \"interface\": \"ens18:1\", \"declaredBy\": \"V.A\"}]}")]
    [InlineData("{\"addresses\": [{\"address\": \"10.20.0.1\", \"owner\": \"p\", \"interface\": \"ens18\", \"declaredBy\": \"V.A\"}]}")]
    [InlineData("{\"addresses\": [{\"address\": 7, \"owner\": \"p\", \"interface\": \"ens18:1\", \"declaredBy\": \"V.A\"}]}")]
    [InlineData("{\"addresses\": [{\"address\": \"10.0.0.1\", \"owner\": \"p\", \"interface\": \"e:1\", \"declaredBy\": \"V.A\"}, {\"address\": \"10.0.0.1\", \"owner\": \"p\", \"interface\": \"e:2\", \"declaredBy\": \"V.B\"}]}")]
    [InlineData("{\"addresses\": [{\"address\": \"10.0.0.1\", \"owner\": \"p\", \"interface\": \"e:1\", \"declaredBy\": \"V.A\"}, {\"address\": \"10.0.0.2\", \"owner\": \"P\", \"interface\": \"e:1\", \"declaredBy\": \"V.B\"}]}")]
    [InlineData("{\"addresses\": [], \"addresses\": []}")]
    [InlineData("{\"addresses\": []} trailing")]
    [InlineData("{\"addresses\": [],}")]
    [InlineData("{\"addresses\": [\"\\q\"]}")]
    [InlineData("{\"addresses\": [\"\\u12\"]}")]
    public void Anything_but_an_address_map_is_an_unknown_estate(string text)
    {
        var estate = DeployedEstate.Parse(text);

        Assert.False(estate.IsKnown);
        Assert.Null(estate.AddressOf("V.A"));
    }

    [Fact]
    public void Every_cut_of_the_committed_map_and_deep_nesting_are_unknown_without_an_exception()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "deploy", "docs", DeployedEstate.FileName));
        for (var length = 0; length < text.TrimEnd().Length; length++)
        {
            Assert.False(DeployedEstate.Parse(text.Substring(0, length)).IsKnown);
        }

        Assert.False(DeployedEstate.Parse(new string('[', 100_000)).IsKnown);
        Assert.False(DeployedEstate.Parse("{\"addresses\": " + new string('[', 40) + new string(']', 40) + "}").IsKnown);
    }

    [Fact]
    public void Escapes_and_an_empty_map_read_as_json_does()
    {
        Assert.Equal(1, DeployedEstate.Parse(OneVip.Replace("\"Vips.Erp\"", "\"Vips.\\u0045rp\"", StringComparison.Ordinal)).AliasOf("Vips.Erp", "proxy.core.lef", "ens18"));
        Assert.False(DeployedEstate.Parse("{\"addresses\": []}").IsKnown);
        Assert.False(DeployedEstate.Parse(null).IsKnown);
    }

    [Fact]
    public void A_pair_vip_keeps_its_deployed_alias_in_a_clash_and_the_other_is_offered_a_free_one()
    {
        // The map names a pair VIP's owner by the pair's name; a pair pool has no Host, so the owner comes from the pair.
        var estate = DeployedEstate.Parse("""
            { "pools": [], "addresses": [
              { "address": "10.20.0.101", "owner": "proxy-core", "nodes": ["proxy-a.core.lef", "proxy-b.core.lef"], "heldBy": "keepalived", "interface": "ens18:1", "declaredBy": "Vips.Zed" }
            ] }
            """);
        var pair = new PairDeclaration
        {
            Key = "T.Pairs.Core", Field = "Pairs.Core", Site = Site(), Name = "proxy-core", FirstHost = "proxy-a.core.lef", FirstAddress = "10.20.0.11", FirstPriority = 150,
            SecondHost = "proxy-b.core.lef", SecondAddress = "10.20.0.12", SecondPriority = 100, Interface = "ens18", VirtualRouterId = 51, AdvertIntervalMs = 300,
            UnicastPeers = ["10.20.0.11", "10.20.0.12"], FailBack = FailBack.Preempt,
        };
        var pool = new PoolDeclaration { Key = "T.Pools.Core", Field = "Pools.Core", Site = Site(), PairKey = pair.Key, Interface = "ens18", Network = "10.20.0.0/24", First = "10.20.0.100", Last = "10.20.0.199" };
        var zed = new VipDeclaration { Key = "T.Vips.Zed", Field = "Vips.Zed", Site = Site(), PoolKey = pool.Key, Address = "10.20.0.101", Alias = 1 };
        var able = new VipDeclaration { Key = "T.Vips.Able", Field = "Vips.Able", Site = Site(), PoolKey = pool.Key, Address = "10.20.0.102", Alias = 1 };
        var model = new TopologyModel([pool], [zed, able], [], [], [pair]);

        Assert.True(estate.HoldsAlias(zed, model.OwnerOf(pool), pool.Interface));
        var clash = TopologyRules.Check(model, estate).Where(v => v.RuleId == RuleIds.AliasClash).ToList();
        Assert.Equal(2, clash.Count);
        Assert.Null(clash.Single(v => v.OwnerKey == zed.Key).Replacement);
        Assert.Equal("2", clash.Single(v => v.OwnerKey == able.Key).Replacement);
    }

    private static uint Ipv4Of(string text)
    {
        Assert.True(Ipv4.TryParse(text, out var address));
        return address;
    }

    private static VipDeclaration Vip(string field, string address, int alias) =>
        new() { Key = "T." + field, Field = field, Site = Site(), PoolKey = "T.Pools.Core", Address = address, Alias = alias };

    private static SourceSite Site() => new("T.cs", 0, 1, 1, 1);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lef.Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lef.Infra.sln not found above " + AppContext.BaseDirectory);
    }
}
