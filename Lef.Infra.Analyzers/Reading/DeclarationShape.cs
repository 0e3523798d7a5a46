using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// A hash of everything a name in one file can mean in another: every token outside initializers and bodies (namespaces,
/// usings, types, modifiers, member names and types) of every file, and the references. A keystroke inside an initializer
/// leaves it unchanged, so every other file's reading still holds; a renamed field changes it, and every file is read again.
/// </summary>
internal static class DeclarationShape
{
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<long>> TreeHashes = new();

    public static long Of(Compilation compilation, IReadOnlyList<SyntaxTree> trees, CancellationToken cancellationToken)
    {
        var hash = Mix(StringComparer.Ordinal.GetHashCode(compilation.AssemblyName ?? string.Empty), RuntimeHelpers.GetHashCode(compilation.Options));
        foreach (var reference in compilation.References)
        {
            hash = Mix(hash, RuntimeHelpers.GetHashCode(reference));
        }

        var perTree = new long[trees.Count];
        Lef.Infra.Dsl.Checking.Concurrently.For(trees.Count, cancellationToken, () => 0, (_, i) => perTree[i] = TreeHashes.GetValue(trees[i], t => new StrongBox<long>(OfTree(t, cancellationToken))).Value);
        for (var i = 0; i < trees.Count; i++)
        {
            hash = Mix(Mix(hash, StringComparer.Ordinal.GetHashCode(trees[i].FilePath)), perTree[i]);
        }

        return hash;
    }

    private static long OfTree(SyntaxTree tree, CancellationToken cancellationToken)
    {
        long hash = 17;
        foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens(node => node is not (EqualsValueClauseSyntax or BlockSyntax or ArrowExpressionClauseSyntax)))
        {
            hash = Mix(Mix(hash, token.RawKind), StringComparer.Ordinal.GetHashCode(token.ValueText));
        }

        return hash;
    }

    private static long Mix(long hash, long value) => unchecked((hash * 1_099_511_628_211L) ^ value);
}
