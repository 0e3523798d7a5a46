using System.Collections.Immutable;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>One descriptor per rule, ordered by ID. The message is composed by the shared rule code, so it reads the same in the emitter.</summary>
public static class DiagnosticDescriptors
{
    /// <summary>The diagnostic property holding the C# literal a code fix puts in place of the flagged value.</summary>
    public const string ReplacementProperty = "Replacement";

    private const string Message = "{0}";

    public static readonly DiagnosticDescriptor DuplicateVip = new(
        RuleIds.DuplicateVip, DuplicateVipRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.DuplicateVip + ".md");

    public static readonly DiagnosticDescriptor VipOutsidePool = new(
        RuleIds.VipOutsidePool, VipOutsidePoolRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.VipOutsidePool + ".md");

    public static readonly DiagnosticDescriptor PortClash = new(
        RuleIds.PortClash, PortClashRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.PortClash + ".md");

    public static readonly DiagnosticDescriptor AliasClash = new(
        RuleIds.AliasClash, AliasClashRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.AliasClash + ".md");

    public static readonly DiagnosticDescriptor NameOnTwoVips = new(
        RuleIds.NameOnTwoVips, NameOnTwoVipsRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.NameOnTwoVips + ".md");

    public static readonly DiagnosticDescriptor InvalidName = new(
        RuleIds.InvalidName, InvalidNameRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.InvalidName + ".md");

    public static readonly DiagnosticDescriptor PortRange = new(
        RuleIds.PortRange, PortRangeRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.PortRange + ".md");

    public static readonly DiagnosticDescriptor UnevaluableValue = new(
        RuleIds.UnevaluableValue, UnevaluableValueRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.UnevaluableValue + ".md");

    public static readonly DiagnosticDescriptor PoolOverlap = new(
        RuleIds.PoolOverlap, PoolOverlapRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.PoolOverlap + ".md");

    public static readonly DiagnosticDescriptor BackendLoop = new(
        RuleIds.BackendLoop, BackendLoopRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.BackendLoop + ".md");

    public static readonly DiagnosticDescriptor EnginePortMismatch = new(
        RuleIds.EnginePortMismatch, EnginePortMismatchRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.EnginePortMismatch + ".md");

    public static readonly DiagnosticDescriptor UnusedVip = new(
        RuleIds.UnusedVip, UnusedVipRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.UnusedVip + ".md");

    public static readonly DiagnosticDescriptor MalformedAddress = new(
        RuleIds.MalformedAddress, MalformedAddressRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.MalformedAddress + ".md");

    public static readonly DiagnosticDescriptor UndiscoverableRecord = new(
        RuleIds.UndiscoverableRecord, UndiscoverableRecordRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.UndiscoverableRecord + ".md");

    public static readonly DiagnosticDescriptor PrivateAddressInExternalView = new(
        RuleIds.PrivateAddressInExternalView, PrivateAddressInExternalViewRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.PrivateAddressInExternalView + ".md");

    public static readonly DiagnosticDescriptor UnusableView = new(
        RuleIds.UnusableView, UnusableViewRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.UnusableView + ".md");

    public static readonly DiagnosticDescriptor EndpointInNoView = new(
        RuleIds.EndpointInNoView, EndpointInNoViewRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.EndpointInNoView + ".md");

    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
    [
        DuplicateVip,
        VipOutsidePool,
        PortClash,
        AliasClash,
        NameOnTwoVips,
        InvalidName,
        PortRange,
        UnevaluableValue,
        PoolOverlap,
        BackendLoop,
        EnginePortMismatch,
        UnusedVip,
        MalformedAddress,
        UndiscoverableRecord,
        PrivateAddressInExternalView,
        UnusableView,
        EndpointInNoView,
    ];

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);

    public static DiagnosticDescriptor For(string ruleId) => ById[ruleId];
}
