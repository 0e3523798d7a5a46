using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// Reads a record's <c>new(...)</c> into <see cref="DeclarationValues"/>. Arguments written the plain way (literals of the
/// parameter's type, names of constants and topology fields, lists of them, a record written in place such as a Backend) are read from the syntax with
/// their names bound by <see cref="ScopeNames"/>; a creation with anything else is read from the binder's operation tree,
/// which is the meaning the compiler gives it. Both give the same values: the plain way is only taken where it cannot differ.
/// </summary>
internal sealed class CreationReader(Compilation compilation, DslSymbols dsl, ScopeNames names, TreeSites sites, ISet<SyntaxTree> constantSources)
{
    private readonly HashSet<IFieldSymbol> noted = new(SymbolEqualityComparer.Default);

    /// <summary>The first constructor the arguments plainly match (at most one can: their parameter names or types differ).</summary>
    public bool TryReadSyntax(BaseObjectCreationExpressionSyntax creation, ImmutableArray<ImmutableArray<IParameterSymbol>> constructors, DeclarationValues values)
    {
        foreach (var parameters in constructors)
        {
            if (TryReadSyntax(creation, parameters, values, string.Empty))
            {
                return true;
            }

            values.Clear();
        }

        return false;
    }

    /// <summary>True when every argument was plain; otherwise <paramref name="values"/> is left empty.</summary>
    public bool TryReadSyntax(BaseObjectCreationExpressionSyntax creation, ImmutableArray<IParameterSymbol> parameters, DeclarationValues values, string prefix)
    {
        // A bit per parameter: records have a handful, and one is read per field of a large estate.
        if (creation.Initializer is not null || creation.ArgumentList is not { } list || parameters.IsDefault || parameters.Length > 32)
        {
            return false;
        }

        // Which parameter each argument is, before any value is read: a field written for another constructor costs nothing here.
        var assigned = 0u;
        var named = false;
        for (var i = 0; i < list.Arguments.Count; i++)
        {
            var argument = list.Arguments[i];
            var parameter = ParameterOf(argument, i, parameters, ref named);
            var bit = parameter is null ? 0u : 1u << parameter.Ordinal;
            if (parameter is null || (assigned & bit) != 0 || argument.RefKindKeyword.RawKind != (int)SyntaxKind.None)
            {
                return false;
            }

            assigned |= bit;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if ((assigned & (1u << i)) == 0 && !parameters[i].IsOptional)
            {
                return false;
            }
        }

        named = false;
        for (var i = 0; i < list.Arguments.Count; i++)
        {
            var argument = list.Arguments[i];
            var parameter = ParameterOf(argument, i, parameters, ref named)!;
            if (!TryReadArgument(argument.Expression, parameter.Type, prefix + parameter.Name, values))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The compiler's reading of the creation: every argument the binder matched to a parameter.</summary>
    public void ReadOperation(IObjectCreationOperation creation, DeclarationValues values, string prefix)
    {
        if (creation.Initializer is { } initializer)
        {
            values.Report(sites.Of(initializer.Syntax), values.Field + " sets values in an object initializer, after its constructor; "
                + "write each one as a constructor argument, so that what is checked is what is deployed");
        }

        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is null || argument.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue)
            {
                continue;
            }

            var name = prefix + argument.Parameter.Name;
            var value = Argument.Unwrap(argument.Value);
            NoteConstantSources(value);
            var site = WrittenExpression(argument.Value.Syntax).Span;
            if (value is IObjectCreationOperation nested && dsl.IsInline(nested.Type))
            {
                values.SetSite(name, site);
                ReadOperation(nested, values, name + ".");
            }
            else if (dsl.IsInline(argument.Parameter.Type))
            {
                // Read in place or not at all: a Backend from elsewhere would go unchecked by every rule on its values.
                values.SetSite(name, site);
                if (value is not IInvalidOperation)
                {
                    values.Report(site, name + " of " + values.Field + " must be written in place as new " + argument.Parameter.Type.Name + "(...), so its values can be checked");
                }
            }
            else if (Elements(value) is { } elements)
            {
                values.AddList(name, elements.Length, site);
                for (var i = 0; i < elements.Length; i++)
                {
                    var element = DeclarationValues.ElementName(name, i);
                    var elementSite = WrittenAs(elements[i].Syntax).Span;
                    if (Argument.Unwrap(elements[i]) is IObjectCreationOperation record && dsl.IsInline(record.Type))
                    {
                        values.SetSite(element, elementSite);
                        ReadOperation(record, values, element + ".");
                    }
                    else if (argument.Parameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } listType && listType.TypeArguments[0] is var elementType && dsl.IsInline(elementType))
                    {
                        values.SetSite(element, elementSite);
                        if (Argument.Unwrap(elements[i]) is not IInvalidOperation)
                        {
                            values.Report(elementSite, element + " of " + values.Field + " must be written in place as new " + elementType.Name + "(...), so its values can be checked");
                        }
                    }
                    else
                    {
                        values.Add(element, Argument.Of(elements[i]), elementSite);
                    }
                }
            }
            else
            {
                values.Add(name, Argument.Of(argument.Value), site);
            }
        }
    }

    private static IParameterSymbol? ParameterOf(ArgumentSyntax argument, int position, ImmutableArray<IParameterSymbol> parameters, ref bool named)
    {
        if (argument.NameColon is { } nameColon)
        {
            named = true;
            foreach (var parameter in parameters)
            {
                if (parameter.Name == nameColon.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        // A positional argument after a named one has rules of its own: the binder's to apply.
        return named || position >= parameters.Length ? null : parameters[position];
    }

    private bool TryReadArgument(ExpressionSyntax expression, ITypeSymbol type, string name, DeclarationValues values)
    {
        if (dsl.IsInline(type))
        {
            if (expression is not BaseObjectCreationExpressionSyntax inline
                || (inline is ObjectCreationExpressionSyntax explicitType && !SymbolEqualityComparer.Default.Equals(names.TypeOf(explicitType.Type), type)))
            {
                return false;
            }

            values.SetSite(name, expression.Span);
            return TryReadSyntax(inline, dsl.ParametersOf(type), values, name + ".");
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IReadOnlyList_T } listType)
        {
            if (expression is not CollectionExpressionSyntax collection)
            {
                return false;
            }

            for (var i = 0; i < collection.Elements.Count; i++)
            {
                if (collection.Elements[i] is not ExpressionElementSyntax element
                    || !TryReadArgument(element.Expression, listType.TypeArguments[0], DeclarationValues.ElementName(name, i), values))
                {
                    return false;
                }
            }

            values.AddList(name, collection.Elements.Count, expression.Span);
            return true;
        }

        if (ValueOf(expression, type) is not { } value)
        {
            return false;
        }

        values.Add(name, value, expression.Span);
        return true;
    }

    /// <summary>A literal of exactly the parameter's type, or a name whose field is of exactly that type.</summary>
    private Argument? ValueOf(ExpressionSyntax expression, ITypeSymbol type)
    {
        if (expression is LiteralExpressionSyntax literal)
        {
            var matches = literal.RawKind switch
            {
                (int)SyntaxKind.StringLiteralExpression => type.SpecialType == SpecialType.System_String,
                (int)SyntaxKind.NumericLiteralExpression => type.SpecialType == SpecialType.System_Int32 && literal.Token.Value is int,
                _ => false,
            };
            return matches ? new Argument(ArgumentKind.Constant, expression, literal.Token.Value) : null;
        }

        if (dsl.IsTopologyRecord(type))
        {
            return names.KeyOf(expression) is { } key ? Argument.KeyOf(key, type, expression) : null;
        }

        if (names.FieldOf(expression) is not { } field || !SymbolEqualityComparer.Default.Equals(field.Type, type))
        {
            return null;
        }

        if (!field.HasConstantValue)
        {
            return null;
        }

        NoteConstantSource(field);
        return new Argument(ArgumentKind.Constant, expression, field.ConstantValue, field);
    }

    /// <summary>
    /// A constant's value lives in its declaring file, and in those of the constants its initializer names
    /// (<c>const int A = Ports.B + 1</c>, <c>enum Kind { First = Base.One }</c>): a reading that used it is read again when any changes.
    /// </summary>
    private void NoteConstantSource(IFieldSymbol field)
    {
        if (!noted.Add(field))
        {
            return;
        }

        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            constantSources.Add(reference.SyntaxTree);
            var value = reference.GetSyntax() switch { VariableDeclaratorSyntax v => v.Initializer?.Value, EnumMemberDeclarationSyntax m => m.EqualsValue?.Value, _ => null };
            if (value is not null && value.DescendantNodesAndSelf().Any(node => node is IdentifierNameSyntax)
                && compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(value) is { } initializer)
            {
                NoteConstantSources(initializer);
            }
        }

        // An enum member without a value of its own counts on from the one before it: its sources are all the enum's.
        foreach (var member in field.ContainingType.TypeKind == TypeKind.Enum ? field.ContainingType.GetMembers().OfType<IFieldSymbol>() : [])
        {
            NoteConstantSource(member);
        }
    }

    private void NoteConstantSources(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IFieldReferenceOperation { Field.HasConstantValue: true } reference)
            {
                NoteConstantSource(reference.Field);
            }
        }
    }

    private static ImmutableArray<IOperation>? Elements(IOperation value) => value switch
    {
        ICollectionExpressionOperation collection => collection.Elements,
        IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
        _ => null,
    };

    /// <summary>The argument's expression as written, with any '!' or parentheses around it.</summary>
    private static SyntaxNode WrittenExpression(SyntaxNode value)
    {
        var node = value;
        while (node.Parent is ExpressionSyntax parent && node.Parent is not ArgumentListSyntax)
        {
            node = parent;
        }

        return node.Parent is ArgumentSyntax ? node : value;
    }

    /// <summary>An element as written: parentheses and a trailing '!' produce no operation of their own.</summary>
    private static SyntaxNode WrittenAs(SyntaxNode node)
    {
        while (node.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            node = node.Parent;
        }

        return node;
    }
}
