using System.Collections.Immutable;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>One descriptor per rule of <see cref="RuleCatalog"/>, in its order. The message is the rule's own, so it reads the same in the emitter.</summary>
public static class DiagnosticDescriptors
{
    /// <summary>The diagnostic property holding the C# literal a code fix puts in place of the flagged value.</summary>
    public const string ReplacementProperty = "Replacement";

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = RuleCatalog.All
        .Select(rule => new DiagnosticDescriptor(
            rule.Id,
            rule.Title,
            "{0}",
            RuleCatalog.Category,
            rule.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: RuleIds.HelpLinkBase + rule.Id + ".md",
            // Not to be hidden (#pragma, .editorconfig, NoWarn): the emitter refuses every error whatever the build was told.
            customTags: rule.IsError ? [WellKnownDiagnosticTags.NotConfigurable] : []))
        .ToImmutableArray();

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id);

    public static DiagnosticDescriptor For(string ruleId) => ById[ruleId];
}
