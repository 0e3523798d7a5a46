using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Xunit;

namespace Lef.Infra.Dsl.Tests;

/// <summary>The shared rules on the plain model, without any reader: what both the analyzer and the emitter run.</summary>
public sealed class RulesTests
{
    private static int line;

    [Fact]
    public void A_valid_topology_breaks_no_rule()
    {
        var model = Model([Pool("A", "10.20.0.0/24", "10.20.0.100", "10.20.0.199")], [Vip("V", "A", "10.20.0.101", 1)], [Endpoint("E", "erp", "V", 5432, Engine.PostgreSql)]);
        Assert.Empty(TopologyRules.Check(model));
    }

    [Fact]
    public void Three_overlapping_pools_are_each_reported()
    {
        var model = Model(
            [Pool("A", "10.20.0.0/24", "10.20.0.10", "10.20.0.100"), Pool("B", "10.20.0.0/24", "10.20.0.50", "10.20.0.60"), Pool("C", "10.20.0.0/24", "10.20.0.90", "10.20.0.120")],
            [],
            []);
        var overlaps = TopologyRules.Check(model).Where(v => v.RuleId == RuleIds.PoolOverlap).Select(v => v.OwnerKey).Distinct().Order();
        Assert.Equal(["T.A", "T.B", "T.C"], overlaps);
    }

    [Fact]
    public void Fix_values_are_distinct_and_skip_taken_addresses_and_aliases()
    {
        var model = Model(
            [Pool("A", "10.20.0.0/24", "10.20.0.100", "10.20.0.199")],
            [Vip("V1", "A", "10.20.0.100", 1), Vip("V2", "A", "10.20.0.100", 1), Vip("V3", "A", "10.20.0.100", 2), Vip("V4", "A", "10.20.0.101", 4), Vip("V5", "A", "10.20.0.5", 5)],
            []);
        var violations = TopologyRules.Check(model);

        Assert.Equal(
            ["T.V2 \"10.20.0.102\"", "T.V3 \"10.20.0.103\"", "T.V5 \"10.20.0.104\""],
            violations.Where(v => v.Replacement is not null && v.RuleId is RuleIds.DuplicateVip or RuleIds.VipOutsidePool).Select(v => v.OwnerKey + " " + v.Replacement).Order());
        Assert.Equal(["T.V2 3"], violations.Where(v => v.RuleId == RuleIds.AliasClash && v.Replacement is not null).Select(v => v.OwnerKey + " " + v.Replacement));
        Assert.Null(violations.Single(v => v.RuleId == RuleIds.DuplicateVip && v.OwnerKey == "T.V1").Replacement);
    }

    [Fact]
    public void An_engine_no_member_has_is_reported()
    {
        var model = Model([Pool("A", "10.20.0.0/24", "10.20.0.100", "10.20.0.199")], [Vip("V", "A", "10.20.0.101", 1)], [Endpoint("E", "erp", "V", 6000, (Engine)7)]);
        var violation = Assert.Single(TopologyRules.Check(model));
        Assert.Equal(RuleIds.UnevaluableValue, violation.RuleId);
        Assert.Contains("Engine of E is 7", violation.Message);
    }

    [Fact]
    public void Endpoint_names_are_compared_ignoring_case()
    {
        var model = Model(
            [Pool("A", "10.20.0.0/24", "10.20.0.100", "10.20.0.199")],
            [Vip("V1", "A", "10.20.0.101", 1), Vip("V2", "A", "10.20.0.102", 2)],
            [Endpoint("E1", "erp", "V1", 5432, Engine.PostgreSql), Endpoint("E2", "Erp", "V2", 5432, Engine.PostgreSql)]);
        Assert.Equal(["T.E1", "T.E2"], TopologyRules.Check(model).Where(v => v.RuleId == RuleIds.NameOnTwoVips).Select(v => v.OwnerKey).Order());
    }

    [Fact]
    public void Every_violation_names_a_catalogued_rule()
    {
        var model = Model(
            [Pool("A", "10.20.0.1/24", "10.20.0.100", "10.20.0.99")],
            [Vip("V1", "A", "10.20.0.0101", -1)],
            [Endpoint("E1", "erp prod", "V1", 0, Engine.Tcp)]);
        var violations = TopologyRules.Check(model);
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Contains(RuleCatalog.All, r => r.Id == v.RuleId));
    }

    [Fact]
    public void Aliases_clash_across_pools_on_one_host_ignoring_the_host_names_case_but_not_the_interfaces()
    {
        var model = Model(
            [
                Pool("A", "10.20.0.0/24", "10.20.0.10", "10.20.0.99"),
                Pool("B", "10.20.1.0/24", "10.20.1.10", "10.20.1.99", host: "PROXY.core.lef"),
                Pool("C", "10.20.2.0/24", "10.20.2.10", "10.20.2.99", parentInterface: "ENS18"),
            ],
            [Vip("VA", "A", "10.20.0.10", 3), Vip("VB", "B", "10.20.1.10", 3), Vip("VC", "C", "10.20.2.10", 3)],
            [Endpoint("EA", "a", "VA", 5432, Engine.PostgreSql), Endpoint("EB", "b", "VB", 5432, Engine.PostgreSql), Endpoint("EC", "c", "VC", 5432, Engine.PostgreSql)]);
        Assert.Equal(["T.VA", "T.VB"], TopologyRules.Check(model).Where(v => v.RuleId == RuleIds.AliasClash).Select(v => v.OwnerKey).Order());
    }

    [Fact]
    public void Each_VIP_is_checked_against_its_own_pools_range()
    {
        var model = Model(
            [Pool("A", "10.20.0.0/24", "10.20.0.10", "10.20.0.99"), Pool("B", "10.20.1.0/24", "10.20.1.10", "10.20.1.20")],
            [Vip("VA", "A", "10.20.0.50", 1), Vip("VB", "B", "10.20.1.50", 2), Vip("VC", "B", "10.20.0.50", 3)],
            [Endpoint("EA", "a", "VA", 5432, Engine.PostgreSql), Endpoint("EB", "b", "VB", 5432, Engine.PostgreSql), Endpoint("EC", "c", "VC", 5432, Engine.PostgreSql)]);
        var outside = TopologyRules.Check(model).Where(v => v.RuleId == RuleIds.VipOutsidePool).ToList();
        Assert.Equal(["T.VB", "T.VC"], outside.Select(v => v.OwnerKey).Order());
        Assert.Contains("not in the pool's range 10.20.1.10-10.20.1.20", outside.Single(v => v.OwnerKey == "T.VB").Message);
        Assert.Contains("it is not in 10.20.1.0/24", outside.Single(v => v.OwnerKey == "T.VC").Message);
    }

    [Fact]
    public void A_backend_address_is_parsed_once_and_reported_by_the_rule_it_breaks()
    {
        var model = Model(
            [Pool("A", "10.20.0.0/24", "10.20.0.10", "10.20.0.99")],
            [Vip("V1", "A", "10.20.0.10", 1), Vip("V2", "A", "10.20.0.11", 2), Vip("V3", "A", "10.20.0.12", 3)],
            [
                Endpoint("E1", "a", "V1", 5432, Engine.PostgreSql, backend: "10.20.0.11"),
                Endpoint("E2", "b", "V2", 5432, Engine.PostgreSql, backend: "10.1.2.300"),
                Endpoint("E3", "c", "V3", 5432, Engine.PostgreSql, backend: "172.16.0.5"),
            ]);
        var violations = TopologyRules.Check(model);
        Assert.Equal(["LEF0010 T.E1", "LEF0013 T.E2"], violations.Select(v => v.RuleId + " " + v.OwnerKey).Order());
        Assert.True(model.Endpoints[2].TryGetBackendAddress(out var address));
        Assert.Equal("172.16.0.5", Ipv4.Format(address));
    }

    [Fact]
    public void Rules_run_on_every_core_and_give_what_running_them_one_after_another_gives()
    {
        // Conflicts of many rules at once, the code fixes' free addresses and aliases among them: those are handed out in
        // order from one Allocations, so a schedule that split or raced the three allocating rules shows as other values.
        var model = Model(
            [Pool("A", "10.20.0.0/16", "10.20.0.10", "10.20.255.250")],
            Enumerable.Range(0, 1500).Select(i => Vip("V" + i, "A", i % 7 == 0 ? "10.30.0." + (i % 250) : "10.20." + (i % 40) + "." + (10 + (i % 200)), i % 500)),
            Enumerable.Range(0, 3000).Select(i => Endpoint("E" + i, "svc" + (i % 1200), "V" + (i % 1500), i % 3 == 0 ? 70000 : 5432, (Engine)(i % 3))));
        static string Render(Violation v) =>
            v.RuleId + " " + v.OwnerKey + " " + v.Site.Line + " " + v.Message + " => " + v.Replacement + " also " + string.Join(",", v.AdditionalSites.Select(s => s.Line));

        var sink = new List<Violation>();
        var allocations = new Allocations(model);
        MalformedAddressRule.Check(model, sink);
        InvalidNameRule.Check(model, sink);
        PoolOverlapRule.Check(model, sink);
        DuplicateVipRule.Check(model, allocations, sink);
        VipOutsidePoolRule.Check(model, allocations, sink);
        AliasClashRule.Check(model, allocations, sink);
        PortClashRule.Check(model, sink);
        PortRangeRule.Check(model, sink);
        NameOnTwoVipsRule.Check(model, sink);
        BackendLoopRule.Check(model, sink);
        EnginePortMismatchRule.Check(model, sink);
        UnusedVipRule.Check(model, sink);
        UnevaluableValueRule.Check(model, sink);
        PrivateAddressInExternalViewRule.Check(model, sink);
        UnusableViewRule.Check(model, sink);
        EndpointInNoViewRule.Check(model, sink);
        var oneAfterAnother = TopologyRules.Sort(sink).Select(Render).ToList();

        Assert.Superset(
            new HashSet<string> { RuleIds.DuplicateVip, RuleIds.VipOutsidePool, RuleIds.AliasClash, RuleIds.PortClash, RuleIds.PortRange, RuleIds.NameOnTwoVips },
            oneAfterAnother.Select(r => r.Split(' ')[0]).ToHashSet());
        for (var run = 0; run < 5; run++)
        {
            Assert.Equal(oneAfterAnother, TopologyRules.Check(model).Select(Render));
        }
    }

    [Fact]
    public void The_next_free_alias_skips_aliases_taken_under_another_spelling_of_the_host()
    {
        var model = Model(
            [
                Pool("A", "10.20.0.0/24", "10.20.0.10", "10.20.0.99"),
                Pool("B", "10.20.1.0/24", "10.20.1.10", "10.20.1.99", host: "PROXY.core.lef"),
            ],
            [Vip("VA", "A", "10.20.0.10", 1), Vip("VA2", "A", "10.20.0.11", 1), Vip("VB", "B", "10.20.1.10", 2)],
            []);

        var fix = TopologyRules.Check(model).Single(v => v.RuleId == RuleIds.AliasClash && v.Replacement is not null);

        Assert.Equal("T.VA2 3", fix.OwnerKey + " " + fix.Replacement);
    }

    private static TopologyModel Model(IEnumerable<PoolDeclaration> pools, IEnumerable<VipDeclaration> vips, IEnumerable<EndpointDeclaration> endpoints) =>
        new(pools, vips, endpoints);

    private static SourceSite Site() => new("T.cs", 0, 1, ++line, 1);

    private static PoolDeclaration Pool(string field, string network, string first, string last, string host = "proxy.core.lef", string parentInterface = "ens18") =>
        new() { Key = "T." + field, Field = field, Site = Site(), Host = host, Interface = parentInterface, Network = network, First = first, Last = last };

    private static VipDeclaration Vip(string field, string pool, string address, int alias) =>
        new() { Key = "T." + field, Field = field, Site = Site(), PoolKey = "T." + pool, Address = address, Alias = alias };

    private static EndpointDeclaration Endpoint(string field, string name, string vip, int port, Engine engine, string backend = "db.core.lef") =>
        new() { Key = "T." + field, Field = field, Site = Site(), Name = name, VipKey = "T." + vip, Port = port, Engine = engine, BackendHost = backend, BackendPort = port };
}
