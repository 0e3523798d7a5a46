using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Dsl.Checking;

/// <summary>A rule's identity: its ID, title and whether it blocks a build and an emit.</summary>
public sealed record RuleInfo(string Id, string Title, bool IsError);

/// <summary>All rules, ordered by ID. The analyzer's descriptors and the emitter's refusals both come from here.</summary>
public static class RuleCatalog
{
    public const string Category = "Lef.Infra.Topology";

    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        new(RuleIds.DuplicateVip, DuplicateVipRule.Title, IsError: true),
        new(RuleIds.VipOutsidePool, VipOutsidePoolRule.Title, IsError: true),
        new(RuleIds.PortClash, PortClashRule.Title, IsError: true),
        new(RuleIds.AliasClash, AliasClashRule.Title, IsError: true),
        new(RuleIds.NameOnTwoVips, NameOnTwoVipsRule.Title, IsError: true),
        new(RuleIds.InvalidName, InvalidNameRule.Title, IsError: true),
        new(RuleIds.PortRange, PortRangeRule.Title, IsError: true),
        new(RuleIds.UnevaluableValue, UnevaluableValueRule.Title, IsError: true),
        new(RuleIds.PoolOverlap, PoolOverlapRule.Title, IsError: true),
        new(RuleIds.BackendLoop, BackendLoopRule.Title, IsError: true),
        new(RuleIds.EnginePortMismatch, EnginePortMismatchRule.Title, IsError: false),
        new(RuleIds.UnusedVip, UnusedVipRule.Title, IsError: false),
        new(RuleIds.MalformedAddress, MalformedAddressRule.Title, IsError: true),
        new(RuleIds.UndiscoverableRecord, UndiscoverableRecordRule.Title, IsError: true),
        new(RuleIds.PrivateAddressInExternalView, PrivateAddressInExternalViewRule.Title, IsError: true),
        new(RuleIds.UnusableView, UnusableViewRule.Title, IsError: true),
        new(RuleIds.EndpointInNoView, EndpointInNoViewRule.Title, IsError: true),
        new(RuleIds.VirtualRouterIdClash, VirtualRouterIdRule.Title, IsError: true),
        new(RuleIds.PairPriority, PairPriorityRule.Title, IsError: true),
        new(RuleIds.HostInTwoRoles, HostInTwoRolesRule.Title, IsError: true),
        new(RuleIds.PairNodeAlias, PairNodeAliasRule.Title, IsError: true),
        new(RuleIds.UnicastPeer, UnicastPeerRule.Title, IsError: true),
        new(RuleIds.AdvertInterval, AdvertIntervalRule.Title, IsError: true),
        new(RuleIds.PairNodeAddress, PairNodeAddressRule.Title, IsError: true),
        new(RuleIds.UncheckedRole, UncheckedRoleRule.Title, IsError: true),
        new(RuleIds.RoleCheckKeepsSessions, RoleCheckKeepsSessionsRule.Title, IsError: true),
        new(RuleIds.ServerOfTwoEngines, ServerOfTwoEnginesRule.Title, IsError: true),
        new(RuleIds.CheckPortIsServicePort, CheckPortRule.Title, IsError: true),
    ];

    private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id);

    public static bool IsError(string id) => !ById.TryGetValue(id, out var rule) || rule.IsError;
}
