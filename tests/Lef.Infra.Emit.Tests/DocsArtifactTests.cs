using System.Linq;
using System.Text.Json;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>The docs artifacts: the facts table has one row per endpoint port, and the address map is JSON with every pool and VIP.</summary>
public sealed class DocsArtifactTests
{
    public static TheoryData<string> Topologies => new("test", "shipped");

    [Theory]
    [MemberData(nameof(Topologies))]
    public void The_facts_table_has_one_row_per_endpoint_port(string topology)
    {
        var (deploy, model) = Emit(topology);
        using (deploy)
        {
            var lines = System.IO.File.ReadAllLines(deploy.Combine("docs", "tcp-proxy-facts.md"));
            Assert.StartsWith("<!-- ", lines[0]);
            var table = lines.SkipWhile(l => !l.StartsWith('|')).ToList();
            Assert.Equal("| Endpoint | VIP | Alias | Port | Engine | Backend | DNS views |", table[0]);
            var rows = table.Skip(2).Select(r => r.Trim('|').Split(" | ").Select(c => c.Trim()).ToArray()).ToList();

            Assert.Equal(model.Endpoints.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal(7, r.Length));
            Assert.Equal(
                model.Endpoints.Select(e => e.Name!.ToLowerInvariant() + ".db.lef:" + e.Port).Order(),
                rows.Select(r => r[0] + ":" + r[3]).Order());
            foreach (var endpoint in model.Endpoints)
            {
                var row = rows.Single(r => r[0] == endpoint.Name!.ToLowerInvariant() + ".db.lef" && r[3] == endpoint.Port.ToString());
                Assert.Equal(model.VipOf(endpoint)!.Address, row[1]);
                Assert.Equal(endpoint.BackendHost + ":" + endpoint.BackendPort, row[5]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void The_address_map_parses_and_lists_every_pool_and_vip_with_its_owner(string topology)
    {
        var (deploy, model) = Emit(topology);
        using (deploy)
        {
            using var json = JsonDocument.Parse(System.IO.File.ReadAllText(deploy.Combine("docs", "core-lan-address-map.json")));
            var pools = json.RootElement.GetProperty("pools").EnumerateArray().ToList();
            var addresses = json.RootElement.GetProperty("addresses").EnumerateArray().ToList();

            Assert.Equal(model.Pools.Select(p => p.Network).Order(), pools.Select(p => p.GetProperty("network").GetString()).Order());
            Assert.Equal(model.Vips.Select(v => v.Address).Order(), addresses.Select(a => a.GetProperty("address").GetString()).Order());
            foreach (var vip in model.Vips)
            {
                var entry = addresses.Single(a => a.GetProperty("address").GetString() == vip.Address);
                Assert.Equal(model.PoolOf(vip)!.Host, entry.GetProperty("owner").GetString());
                Assert.Equal(
                    model.Endpoints.Where(e => e.VipKey == vip.Key).Select(e => e.Port!.Value).Distinct().Order(),
                    entry.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
            }

            Assert.All(pools, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("owner").GetString())));
        }
    }

    [Fact]
    public void List_prints_the_facts_table()
    {
        var list = Emitter.Run("list", "--topology", RepoPaths.Topology);
        Assert.Equal(Cli.Ok, list.ExitCode);
        Assert.StartsWith("| Endpoint | VIP | Alias | Port | Engine | Backend | DNS views |\n", list.StandardOutput);
        Assert.Contains("| hr.db.lef | 10.20.0.106 | proxy.core.lef ens18:6 | 1433 | SQL Server | 10.20.1.35:1433 | internal |\n", list.StandardOutput);
    }

    private static (TempDirectory Deploy, Dsl.Model.TopologyModel Model) Emit(string topology)
    {
        var deploy = new TempDirectory();
        var result = topology == "test" ? Emitter.EmitTestTopology(deploy.Path) : Emitter.EmitShippedTopology(deploy.Path);
        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        var sources = topology == "test" ? Emitter.TestTopologySources : RepoPaths.Topology;
        return (deploy, TopologyLoader.Load(sources, RepoPaths.Root).Model);
    }
}
