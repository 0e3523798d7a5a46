using System.Collections.Immutable;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>One descriptor per rule, ordered by ID. The message is composed by the shared rule code, so it reads the same in the emitter.</summary>
public static class DiagnosticDescriptors
{
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

    public static readonly DiagnosticDescriptor PortRange = new(
        RuleIds.PortRange, PortRangeRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.PortRange + ".md");

    public static readonly DiagnosticDescriptor UnevaluableValue = new(
        RuleIds.UnevaluableValue, UnevaluableValueRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.UnevaluableValue + ".md");

    public static readonly DiagnosticDescriptor MalformedAddress = new(
        RuleIds.MalformedAddress, MalformedAddressRule.Title, Message, RuleCatalog.Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: RuleIds.HelpLinkBase + RuleIds.MalformedAddress + ".md");

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
        PortRange,
        UnevaluableValue,
        MalformedAddress,
        PrivateAddressInExternalView,
        UnusableView,
        EndpointInNoView,
    ];

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);

    public static DiagnosticDescriptor For(string ruleId) => ById[ruleId];
}
