using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// What the names written in one class declaration's field initializers mean, asked of the binder once per name: every
/// initializer of a class part shares one scope (its members, the enclosing types, the namespace, the file's usings).
/// </summary>
internal sealed class ScopeNames(SemanticModel model, TypeDeclarationSyntax scope)
{
    private readonly Dictionary<string, ISymbol?> expressions = [];
    private readonly Dictionary<string, ITypeSymbol?> types = [];
    private readonly Dictionary<string, string> typeKeys = [];
    private readonly int position = scope.OpenBraceToken.Span.End;

    public INamedTypeSymbol? Type { get; } = model.GetDeclaredSymbol(scope);

    /// <summary>The reader of this class's record creations, made with its first record field.</summary>
    public CreationReader? Creations { get; set; }

    /// <summary>The type a field declares, or null for one no record can be (<c>int</c>, <c>string</c>).</summary>
    public ITypeSymbol? TypeOf(TypeSyntax type)
    {
        if (type is PredefinedTypeSyntax)
        {
            return null;
        }

        var text = type is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : type.ToString();
        if (!types.TryGetValue(text, out var symbol))
        {
            symbol = model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(text), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
            types[text] = symbol is IErrorTypeSymbol ? null : symbol;
        }

        return types[text];
    }

    /// <summary>
    /// The field a simple name (<c>Erp</c>) or a member of a type (<c>Vips.Erp</c>, <c>Topology.Vips.Erp</c>) names; null
    /// when it names anything else, or nothing the binder is sure of. The qualifier is bound, the member found among its members.
    /// </summary>
    public IFieldSymbol? FieldOf(ExpressionSyntax expression) => Split(expression) switch
    {
        (null, { } name) => Bound(name) as IFieldSymbol,
        ({ } qualifier, { } member) when Bound(qualifier) is INamedTypeSymbol type
            && type.GetMembers(member) is { Length: 1 } members && members[0] is IFieldSymbol field && IsReachable(field) => field,
        _ => null,
    };

    /// <summary>
    /// The key of the topology field a name refers to, without asking the field itself (its type, its accessibility): the
    /// reader checks the key against the fields it read, and reads the declaration with the binder when it names none.
    /// </summary>
    public string? KeyOf(ExpressionSyntax expression)
    {
        switch (Split(expression))
        {
            case (null, { } name):
                return Bound(name) is IFieldSymbol field ? TopologyReader.KeyOf(field) : null;
            case ({ } qualifier, { } member) when Bound(qualifier) is INamedTypeSymbol { IsStatic: true, DeclaringSyntaxReferences.Length: > 0 } type:
                if (!typeKeys.TryGetValue(qualifier, out var typeKey))
                {
                    typeKeys[qualifier] = typeKey = TopologyReader.TypeKeyOf(type);
                }

                return typeKey + "." + member;
            default:
                return null;
        }
    }

    /// <summary><c>Erp</c> as (null, "Erp"), <c>Vips.Erp</c> as ("Vips", "Erp"); (null, null) for anything else.</summary>
    private static (string? Qualifier, string? Member) Split(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => (null, name.Identifier.ValueText),
        MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax member } access
            when access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax =>
            (access.Expression is IdentifierNameSyntax simple ? simple.Identifier.ValueText : access.Expression.ToString(), member.Identifier.ValueText),
        _ => (null, null),
    };

    private ISymbol? Bound(string text)
    {
        if (!expressions.TryGetValue(text, out var symbol))
        {
            symbol = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.ParseExpression(text), SpeculativeBindingOption.BindAsExpression).Symbol;
            expressions[text] = symbol;
        }

        return symbol;
    }

    /// <summary>A static field any code of this assembly may name; anything narrower is left to the binder's full answer.</summary>
    private static bool IsReachable(IFieldSymbol field)
    {
        if (!field.IsStatic)
        {
            return false;
        }

        var inSource = field.DeclaringSyntaxReferences.Length > 0;
        for (ISymbol symbol = field; symbol is not INamespaceSymbol and not null; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is not Accessibility.Public
                && !(inSource && symbol.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}
