using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// The emitter re-runs every rule on the compiled topology, without the analyzer's help: each invalid topology here is
/// compiled without the analyzer, and the emitter must refuse it, name the rule and the file:line, and write nothing.
/// </summary>
public sealed class RefusalTests
{
    private const string PoolsSource = """
        using Lef.Infra.Dsl;
        namespace T;
        public static class Pools
        {
            public static readonly VipPool Core = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
        }
        """;

    private const string VipsSource = """
        using Lef.Infra.Dsl;
        namespace T;
        public static class Vips
        {
            public static readonly Vip A = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
        }
        """;

    private const string EndpointsSource = """
        using Lef.Infra.Dsl;
        namespace T;
        public static class Endpoints
        {
            public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.A, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: 1433));
        }
        """;

    /// <summary>Per rule: a file added to the valid topology that breaks it, and every file:line the refusal must name.</summary>
    public static IReadOnlyDictionary<string, (string Extra, string[] Sites)> Cases { get; } = new Dictionary<string, (string, string[])>
    {
        [RuleIds.DuplicateVip] = (Extra("public static readonly Vip B = new(Pool: Pools.Core, Address: \"10.20.0.101\", Alias: 2);"), ["Extra.cs:5", "Vips.cs:5"]),
        [RuleIds.VipOutsidePool] = (Extra("public static readonly Vip B = new(Pool: Pools.Core, Address: \"10.20.0.200\", Alias: 2);"), ["Extra.cs:5"]),
        [RuleIds.PortClash] = (
            Extra("public static readonly Endpoint Other = new(Name: \"other\", Vip: Vips.A, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend(Host: \"sql-other.core.lef\", Port: 1433));"),
            ["Extra.cs:5", "Endpoints.cs:5"]),
        [RuleIds.PortRange] = (
            Extra("public static readonly Endpoint Other = new(Name: \"other\", Vip: Vips.A, Port: 70000, Engine: Engine.Tcp, Backend: new Backend(Host: \"tcp-other.core.lef\", Port: 1));"),
            ["Extra.cs:5"]),
        [RuleIds.UnevaluableValue] = (
            Extra("public static readonly Endpoint Other = new(Name: null!, Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"pg.core.lef\", Port: 5432));"),
            ["Extra.cs:5"]),
        [RuleIds.MalformedAddress] = (Extra("public static readonly Vip B = new(Pool: Pools.Core, Address: \"10.20.0.0102\", Alias: 2);"), ["Extra.cs:5"]),
        [RuleIds.AliasClash] = (Extra("public static readonly Vip B = new(Pool: Pools.Core, Address: \"10.20.0.102\", Alias: 1);"), ["Extra.cs:5", "Vips.cs:5"]),
        [RuleIds.NameOnTwoVips] = (
            Extra(
                "public static readonly Vip B = new(Pool: Pools.Core, Address: \"10.20.0.102\", Alias: 2);",
                "public static readonly Endpoint Erp2 = new(Name: \"ERP\", Vip: B, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"pg.core.lef\", Port: 5432));"),
            ["Extra.cs:6", "Endpoints.cs:5"]),
        [RuleIds.InvalidName] = (
            Extra("public static readonly Endpoint Other = new(Name: \"erp prod\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"pg.core.lef\", Port: 5432));"),
            ["Extra.cs:5"]),
        [RuleIds.PoolOverlap] = (
            Extra("public static readonly VipPool Edge = new(Host: \"proxy.edge.lef\", Interface: \"ens18\", Network: \"10.20.0.0/24\", First: \"10.20.0.150\", Last: \"10.20.0.250\");"),
            ["Extra.cs:5", "Pools.cs:5"]),
        [RuleIds.BackendLoop] = (
            Extra("public static readonly Endpoint Loop = new(Name: \"loop\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"10.20.0.101\", Port: 5432));"),
            ["Extra.cs:5"]),
        [RuleIds.UndiscoverableRecord] = (Extra("public static Vip B = new(Pool: Pools.Core, Address: \"10.20.0.102\", Alias: 2);"), ["Extra.cs:5"]),
        [RuleIds.PrivateAddressInExternalView] = (
            Extra(
                "public static readonly DnsView Lan = new(Name: \"internal\", MatchClients: [\"10.0.0.0/8\"], Kind: ViewKind.Internal);",
                "public static readonly DnsView Outside = new(Name: \"external\", MatchClients: [\"any\"], Kind: ViewKind.External);",
                "public static readonly Endpoint Leak = new(Name: \"leak\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"pg.core.lef\", Port: 5432), Views: [Lan, Outside]);"),
            ["Extra.cs:7"]),
        [RuleIds.UnusableView] = (
            Extra(
                "public static readonly DnsView Lan = new(Name: \"internal\", MatchClients: [\"10.0.0.0/8\"], Kind: ViewKind.Internal);",
                "public static readonly DnsView Office = new(Name: \"Internal\", MatchClients: [\"192.168.0.0/16\"], Kind: ViewKind.Internal);"),
            ["Extra.cs:5", "Extra.cs:6"]),
        [RuleIds.EndpointInNoView] = (
            Extra("public static readonly Endpoint Hidden = new(Name: \"hidden\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"pg.core.lef\", Port: 5432), Views: []);"),
            ["Extra.cs:5"]),
        [RuleIds.VirtualRouterIdClash] = (Extra(Pair("A", "a", 11, 51), Pair("B", "b", 13, 51)), ["Extra.cs:5", "Extra.cs:6"]),
        [RuleIds.PairPriority] = (Extra(Pair("A", "a", 11, 51, secondPriority: 150)), ["Extra.cs:5"]),
        [RuleIds.HostInTwoRoles] = (Extra(Pair("A", "a", 11, 51), Pair("B", "a", 13, 52)), ["Extra.cs:5", "Extra.cs:6"]),
        [RuleIds.PairNodeAlias] = (
            Extra(Pair("A", "a", 11, 51), "public static readonly VipPool Own = new(Host: \"proxy-a1.core.lef\", Interface: \"ens18\", Network: \"10.21.0.0/24\", First: \"10.21.0.100\", Last: \"10.21.0.199\");"),
            ["Extra.cs:6"]),
        [RuleIds.UnicastPeer] = (Extra(Pair("A", "a", 11, 51, peers: "[\"10.20.0.11\", \"10.20.0.13\"]")), ["Extra.cs:5"]),
        [RuleIds.AdvertInterval] = (Extra(Pair("A", "a", 11, 51, advertMs: 305)), ["Extra.cs:5"]),
        [RuleIds.PairNodeAddress] = (Extra(Pair("A", "a", 111, 51)), ["Extra.cs:5"]),
        [RuleIds.UncheckedRole] = (
            Extra(Cluster("Orders", "RoleCheck.None", "new ClusterNode(\"pg-1.core.lef\", 5432)"), ClusterEndpoint("Orders", "ClusterRole.Primary")),
            ["Extra.cs:6"]),
        [RuleIds.RoleCheckKeepsSessions] = (
            Extra(Cluster("Orders", "RoleCheck.PatroniRest", "new ClusterNode(\"pg-1.core.lef\", 5432, 8008)", keepSessions: true), ClusterEndpoint("Orders", "ClusterRole.Primary")),
            ["Extra.cs:5"]),
        [RuleIds.ServerOfTwoEngines] = (
            Extra(
                Cluster("Orders", "RoleCheck.PatroniRest", "new ClusterNode(\"pg-1.core.lef\", 5432, 8008)"),
                ClusterEndpoint("Orders", "ClusterRole.Primary"),
                "public static readonly Cluster Queue = new(Name: \"queue\", Engine: Engine.Tcp, Nodes: [new ClusterNode(\"pg-1.core.lef\", 5432)], Check: RoleCheck.None);"),
            ["Extra.cs:7"]),
        [RuleIds.CheckPortIsServicePort] = (
            Extra(Cluster("Orders", "RoleCheck.PatroniRest", "new ClusterNode(\"pg-1.core.lef\", 5432, 5432)"), ClusterEndpoint("Orders", "ClusterRole.Primary")),
            ["Extra.cs:5"]),
    };

    public static TheoryData<string> RuleIdsWithCases => new(Cases.Keys);

    private static string Cluster(string field, string check, string node, bool keepSessions = false) =>
        "public static readonly Cluster " + field + " = new(Name: \"" + field.ToLowerInvariant() + "\", Engine: Engine.PostgreSql, Nodes: [" + node + "], Check: " + check
        + (keepSessions ? ", OnMarkedDown: OnMarkedDown.KeepSessions" : string.Empty) + ");";

    private static string ClusterEndpoint(string cluster, string role) =>
        "public static readonly Endpoint " + cluster + "Endpoint = new(Name: \"" + cluster.ToLowerInvariant() + "\", Vip: Vips.A, Port: 5432, Cluster: " + cluster + ", Role: " + role + ");";

    /// <summary>Per warning rule: a file that trips it. The emitter prints the warning with its site, and still writes.</summary>
    public static IReadOnlyDictionary<string, (string Extra, string Site)> WarningCases { get; } = new Dictionary<string, (string, string)>
    {
        [RuleIds.EnginePortMismatch] = (
            Extra("public static readonly Endpoint Odd = new(Name: \"odd\", Vip: Vips.A, Port: 5432, Engine: Engine.SqlServer, Backend: new Backend(Host: \"sql-odd.core.lef\", Port: 14330));"),
            "Extra.cs:5"),
        [RuleIds.UnusedVip] = (Extra("public static readonly Vip Spare = new(Pool: Pools.Core, Address: \"10.20.0.102\", Alias: 2);"), "Extra.cs:5"),
    };

    public static TheoryData<string> WarningRuleIds => new(WarningCases.Keys);

    [Fact]
    public void The_valid_base_topology_emits()
    {
        using var topology = Compile(null);
        using var deploy = new TempDirectory();
        var result = Emit(topology, deploy.Path);
        Assert.True(result.ExitCode == Cli.Ok, result.Output);
    }

    [Theory]
    [MemberData(nameof(RuleIdsWithCases))]
    public void An_invalid_topology_is_refused_with_rule_and_sites_and_deploy_is_untouched(string ruleId)
    {
        var (extra, sites) = Cases[ruleId];
        using var topology = Compile(extra);
        using var deploy = new TempDirectory();
        File.WriteAllText(deploy.Combine("previous.txt"), "the previous deploy");

        var result = Emit(topology, deploy.Path);

        Assert.Equal(Cli.InvalidTopology, result.ExitCode);
        Assert.Contains("error " + ruleId + ":", result.StandardError);
        foreach (var site in sites)
        {
            Assert.Contains(site + ":", result.StandardError);
        }

        Assert.Contains("nothing was written", result.StandardError);
        Assert.Equal(["previous.txt"], Directory.GetFiles(deploy.Path).Select(Path.GetFileName));
        Assert.Equal("the previous deploy", File.ReadAllText(deploy.Combine("previous.txt")));
    }

    [Fact]
    public void A_backend_held_by_a_field_is_refused_as_the_analyzer_refuses_it()
    {
        using var topology = Compile(Extra(
            "private static readonly Backend Shared = new(Host: \"pg.core.lef\", Port: 5432);",
            "public static readonly Endpoint Other = new(Name: \"other\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: Shared);"));
        using var deploy = new TempDirectory();

        var result = Emit(topology, deploy.Path);

        Assert.Equal(Cli.InvalidTopology, result.ExitCode);
        Assert.Contains("Extra.cs:6:", result.StandardError);
        Assert.Contains("error LEF0008: Backend of Extra.Other must be written in place", result.StandardError);
    }

    [Theory]
    [MemberData(nameof(WarningRuleIds))]
    public void A_warning_is_printed_with_its_site_and_the_deploy_is_still_written(string ruleId)
    {
        var (extra, site) = WarningCases[ruleId];
        using var topology = Compile(extra);
        using var deploy = new TempDirectory();

        var result = Emit(topology, deploy.Path);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        Assert.Contains(site + ":", result.StandardError);
        Assert.Contains("warning " + ruleId + ":", result.StandardError);
        Assert.True(File.Exists(deploy.Combine("hosts", "proxy.core.lef", "haproxy", "haproxy.cfg")));
    }

    [Theory]
    [InlineData(RuleIds.BackendLoop, "public static readonly Endpoint Loop = new(Name: \"loop\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"0.0.0.0\", Port: 5432));")]
    [InlineData(RuleIds.BackendLoop, "public static readonly Endpoint Loop = new(Name: \"loop\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"localhost\", Port: 5432));")]
    [InlineData(RuleIds.BackendLoop, "public static readonly Endpoint Loop = new(Name: \"loop\", Vip: Vips.A, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"255.255.255.255\", Port: 5432));")]
    [InlineData(RuleIds.PoolOverlap, "public static readonly VipPool Everything = new(Host: \"proxy.wide.lef\", Interface: \"ens18\", Network: \"0.0.0.0/0\", First: \"0.0.0.100\", Last: \"0.0.0.199\");")]
    [InlineData(RuleIds.PoolOverlap, "public static readonly VipPool Loopback = new(Host: \"proxy.lo.lef\", Interface: \"ens18\", Network: \"127.0.0.0/24\", First: \"127.0.0.100\", Last: \"127.0.0.199\");")]
    [InlineData(RuleIds.UnevaluableValue, "public static readonly DnsView Lan = new(Name: \"internal\", MatchClients: [\"10.0.0.0/8\"], Kind: (ViewKind)7);")]
    public void An_address_that_is_no_host_and_a_view_kind_no_member_has_are_refused(string ruleId, string field)
    {
        using var topology = Compile(Extra(field));
        using var deploy = new TempDirectory();

        var result = Emit(topology, deploy.Path);

        Assert.Equal(Cli.InvalidTopology, result.ExitCode);
        Assert.Contains("Extra.cs:5:", result.StandardError);
        Assert.Contains("error " + ruleId + ":", result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(deploy.Path));
    }

    /// <summary>A pair of proxy-{name}1/2.core.lef at 10.20.0.{first} and the next address.</summary>
    private static string Pair(string field, string name, int first, int routerId, int secondPriority = 100, string? peers = null, int advertMs = 300) =>
        $"public static readonly ProxyPair {field} = new(Name: \"pair-{name}{first}\", First: new PairNode(Host: \"proxy-{name}1.core.lef\", Address: \"10.20.0.{first}\", Priority: 150), "
        + $"Second: new PairNode(Host: \"proxy-{name}2.core.lef\", Address: \"10.20.0.{first + 1}\", Priority: {secondPriority}), Interface: \"ens18\", VirtualRouterId: {routerId}, "
        + $"AdvertIntervalMs: {advertMs}, UnicastPeers: {peers ?? $"[\"10.20.0.{first}\", \"10.20.0.{first + 1}\"]"}, FailBack: FailBack.Stay);";

    private static string Extra(params string[] fields) =>
        "using Lef.Infra.Dsl;\nnamespace T;\npublic static class Extra\n{\n    " + string.Join("\n    ", fields) + "\n}\n";

    private static TopologySources Compile(string? extra)
    {
        var files = new Dictionary<string, string> { ["Pools.cs"] = PoolsSource, ["Vips.cs"] = VipsSource, ["Endpoints.cs"] = EndpointsSource };
        if (extra is not null)
        {
            files["Extra.cs"] = extra;
        }

        return TopologySources.Compile(files);
    }

    private static ToolResult Emit(TopologySources topology, string outDirectory) =>
        Emitter.Run("emit", "--topology", topology.Directory, "--out", outDirectory);
}
