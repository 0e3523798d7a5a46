using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// Where topology records may live: static readonly fields of static, non-generic classes, which is all the reader looks
/// at. Everything else that creates or holds a pool, VIP, endpoint or view is LEF0014.
/// </summary>
internal static class TopologyFields
{
    public static bool IsDiscoverable(IFieldSymbol field) =>
        field is { IsStatic: true, IsReadOnly: true, IsImplicitlyDeclared: false } && Why(field.ContainingType) is null;

    /// <summary>Why a record field in <paramref name="type"/> cannot be read, or null when it can.</summary>
    public static string? Why(INamedTypeSymbol type)
    {
        if (!type.IsStatic)
        {
            return "in a class that is not static";
        }

        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                // Each closed G<T> would be a topology of its own, and none of them is ever named.
                return "in a generic type";
            }
        }

        return null;
    }

    /// <summary>A field of a record type the reader would not find: why not, in the words of the message.</summary>
    public static string? Why(bool isStatic, bool isReadOnly, INamedTypeSymbol type) =>
        !isStatic ? "an instance field" : !isReadOnly ? "not readonly" : Why(type);

    public static Violation Field(string key, SourceSite site, string containingType, string field, string why) =>
        new(RuleIds.UndiscoverableRecord, key, site,
            containingType + "." + field + " is " + why + ", so the emitter will not see it; " + UndiscoverableRecordRule.Requirement, []);

    /// <summary>
    /// A record created anywhere but as the initializer of a topology-typed field; null for that one. <paramref name="isRecordField"/>
    /// tells whether a field the creation initializes is of a record type.
    /// </summary>
    public static Violation? Creation(string key, BaseObjectCreationExpressionSyntax creation, string typeName, System.Func<VariableDeclaratorSyntax, bool> isRecordField)
    {
        // Casts and parentheses produce no place of their own: what holds the creation is above them.
        SyntaxNode? parent = creation.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax
               || parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression }
               || parent is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            parent = parent.Parent;
        }

        if (parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator } && isRecordField(declarator))
        {
            return null;
        }

        var isArgument = parent is ArgumentSyntax { Parent: ArgumentListSyntax };
        var where = isArgument ? "inline, as an argument" : "where no reader looks (" + Describe(creation.Parent) + ")";
        var span = creation.Span;
        var start = creation.SyntaxTree.GetLineSpan(span).StartLinePosition;
        return new Violation(
            RuleIds.UndiscoverableRecord,
            key,
            new SourceSite(creation.SyntaxTree.FilePath, span.Start, span.Length, start.Line + 1, start.Character + 1),
            "this " + typeName + " is created " + where + ", so the emitter will not see it; " + UndiscoverableRecordRule.Requirement
            + (isArgument ? " and reference that field" : string.Empty),
            []);
    }

    private static string Describe(SyntaxNode? node)
    {
        for (; node is not null; node = node.Parent)
        {
            switch (node.RawKind)
            {
                case (int)SyntaxKind.MethodDeclaration:
                case (int)SyntaxKind.ConstructorDeclaration:
                case (int)SyntaxKind.LocalFunctionStatement:
                    return "in a method";
                case (int)SyntaxKind.PropertyDeclaration:
                    return "in a property";
                case (int)SyntaxKind.FieldDeclaration:
                    return "in a field that is not of a topology type";
            }
        }

        return "outside a field";
    }
}
