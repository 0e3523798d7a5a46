using System.Collections.Generic;
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
/// every diagnostic of one compilation, so Fix All never hands two declarations the same address or alias. The side of a
/// conflict that keeps its value (the deployed one) carries no value and gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NextFreeValueFixer))]
[Shared]
public sealed class NextFreeValueFixer : CodeFixProvider
{
    /// <summary>The analyzer's property name (DiagnosticDescriptors.ReplacementProperty), repeated here to keep Workspaces out of the analyzer.</summary>
    private const string ReplacementProperty = "Replacement";

    private const string NextFreeVip = "Lef.NextFreeVip";
    private const string NextFreeAlias = "Lef.NextFreeAlias";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.DuplicateVip, RuleIds.VipOutsidePool, RuleIds.AliasClash];

    /// <summary>
    /// Fix All over every diagnostic that carries a value. Not the batch fixer: <c>dotnet format analyzers</c> asks the first
    /// diagnostic of the project for its action, and when that is the keeper (no action) the batch fixer would fix nothing.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocument);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (ValueToReplace(root, diagnostic) is not { } value)
            {
                continue;
            }

            var (replacement, isAlias) = value.Fix;
            var title = (isAlias ? "Use next free alias " : "Use next free VIP ") + replacement.Trim('"');
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value.Node, Replaced(value.Node, replacement)))),
                    equivalenceKey: isAlias ? NextFreeAlias : NextFreeVip),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocument(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var replacements = new Dictionary<SyntaxNode, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (ValueToReplace(root, diagnostic) is { } value
                && (context.CodeActionEquivalenceKey is null || context.CodeActionEquivalenceKey == (value.Fix.IsAlias ? NextFreeAlias : NextFreeVip)))
            {
                replacements[value.Node] = value.Fix.Replacement;
            }
        }

        return replacements.Count == 0
            ? document
            : document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => Replaced(original, replacements[original])));
    }

    private static (ExpressionSyntax Node, (string Replacement, bool IsAlias) Fix)? ValueToReplace(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(ReplacementProperty, out var replacement) && replacement is not null
        && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value
            ? (value, (replacement, diagnostic.Id == RuleIds.AliasClash))
            : null;

    private static SyntaxNode Replaced(SyntaxNode value, string replacement) => SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(value);
}
