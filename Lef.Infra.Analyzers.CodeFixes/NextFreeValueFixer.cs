using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Lef.Infra.Dsl.Checking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Analyzers.CodeFixes;

/// <summary>
/// "Use next free VIP" (LEF0001, LEF0002) and "Use next free alias" (LEF0004). The analyzer allocates the value, distinct for
/// every diagnostic of one compilation, so Fix All never hands two declarations the same address or alias.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NextFreeValueFixer))]
[Shared]
public sealed class NextFreeValueFixer : CodeFixProvider
{
    /// <summary>The analyzer's property name (DiagnosticDescriptors.ReplacementProperty), repeated here to keep Workspaces out of the analyzer.</summary>
    private const string ReplacementProperty = "Replacement";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.DuplicateVip, RuleIds.VipOutsidePool, RuleIds.AliasClash];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ReplacementProperty, out var replacement) || replacement is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                continue;
            }

            var isAlias = diagnostic.Id == RuleIds.AliasClash;
            var title = (isAlias ? "Use next free alias " : "Use next free VIP ") + replacement.Trim('"');
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(value)))),
                    equivalenceKey: isAlias ? "Lef.NextFreeAlias" : "Lef.NextFreeVip"),
                diagnostic);
        }
    }
}
