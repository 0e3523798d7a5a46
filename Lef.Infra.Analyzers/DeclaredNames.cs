using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Analyzers;

/// <summary>One name a file declares, and a hash of its declaration without the values of non-const initializers.</summary>
internal readonly record struct DeclaredName(string Name, ulong Hash);

/// <summary>
/// The names a file declares (namespaces, types, members, global usings), each with a hash of how it is declared: kind,
/// container, modifiers, type, and the initializer only when it is a const's. Binding a name elsewhere can change only
/// when a declaration of that name changes, so these hashes are what a cached reading of another file depends on.
/// </summary>
internal static class DeclaredNames
{
    /// <summary>The pseudo-name global using directives are declared under: every file depends on it.</summary>
    public const string GlobalUsings = "<global using>";

    /// <summary>The names a member declares in its type's scope.</summary>
    public static void AddNames(MemberDeclarationSyntax member, ICollection<string> into)
    {
        switch (member)
        {
            case BaseFieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    into.Add(variable.Identifier.ValueText);
                }

                break;
            case BaseTypeDeclarationSyntax type:
                into.Add(type.Identifier.ValueText);
                break;
            case PropertyDeclarationSyntax property:
                into.Add(property.Identifier.ValueText);
                break;
            case MethodDeclarationSyntax method:
                into.Add(method.Identifier.ValueText);
                break;
            case EventDeclarationSyntax @event:
                into.Add(@event.Identifier.ValueText);
                break;
            case DelegateDeclarationSyntax @delegate:
                into.Add(@delegate.Identifier.ValueText);
                break;
        }
    }

    /// <summary>Collects a file's declared names.</summary>
    internal sealed class Builder
    {
        private readonly ImmutableArray<DeclaredName>.Builder names = ImmutableArray.CreateBuilder<DeclaredName>();

        public void Add(string name, Fnv declaration) => names.Add(new DeclaredName(name, declaration.Add(name).Value));

        public void Type(BaseTypeDeclarationSyntax type, Fnv container)
        {
            var header = container.Add(type.RawKind).Add(type.Modifiers).Add(type.BaseList);
            if (type is TypeDeclarationSyntax declaration)
            {
                header = header.Add(declaration.TypeParameterList).Add(declaration.ParameterList).Add(declaration.ConstraintClauses.ToString());
            }

            Add(type.Identifier.ValueText, header);
            if (type is EnumDeclarationSyntax enumeration)
            {
                var owner = container.Add(type.Identifier.ValueText).Add(enumeration.BaseList);
                for (var i = 0; i < enumeration.Members.Count; i++)
                {
                    // An enum member without a value follows the one before it: its position is part of its declaration.
                    var member = enumeration.Members[i];
                    Add(member.Identifier.ValueText, owner.Add(i).Add(member.EqualsValue));
                }
            }
        }

        public void Member(MemberDeclarationSyntax member, Fnv container)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    var isConst = field.Modifiers.Any(SyntaxKind.ConstKeyword);
                    var header = container.Add(field.RawKind).Add(field.Modifiers).Add(field.Declaration.Type);
                    foreach (var variable in field.Declaration.Variables)
                    {
                        // A const's value is part of its declaration; any other initializer is not (references link by name).
                        Add(variable.Identifier.ValueText, isConst ? header.Add(variable.Initializer) : header);
                    }

                    break;
                case PropertyDeclarationSyntax property:
                    Add(property.Identifier.ValueText, container.Add(property.RawKind).Add(property.Modifiers).Add(property.Type).Add(property.ExplicitInterfaceSpecifier));
                    break;
                case MethodDeclarationSyntax method:
                    Add(method.Identifier.ValueText, container.Add(method.RawKind).Add(method.Modifiers).Add(method.ReturnType).Add(method.TypeParameterList).Add(method.ParameterList));
                    break;
                case EventDeclarationSyntax @event:
                    Add(@event.Identifier.ValueText, container.Add(@event.RawKind).Add(@event.Modifiers).Add(@event.Type));
                    break;
                case DelegateDeclarationSyntax @delegate:
                    Add(@delegate.Identifier.ValueText, container.Add(@delegate.RawKind).Add(@delegate.Modifiers).Add(@delegate.ReturnType).Add(@delegate.TypeParameterList).Add(@delegate.ParameterList));
                    break;
            }
        }

        /// <summary>A field read from its text (one declarator, not const): what <see cref="Member"/> gives its syntax.</summary>
        public void PlainField(FieldDeclarationSyntax field, string typeText, string name, Fnv container) =>
            Add(name, container.Add(field.RawKind).Add(field.Modifiers).Add(typeText));

        /// <summary>Room for <paramref name="more"/> names (a type's members, before they are walked): the array grows once, not by doubling.</summary>
        public void Reserve(int more) => Builders.Reserve(names, more);

        /// <summary>The names, without copying them when the array is full (see <see cref="Reserve(int)"/>).</summary>
        public ImmutableArray<DeclaredName> ToImmutable() => Builders.Done(names);
    }
}

/// <summary>Growing an <see cref="ImmutableArray{T}.Builder"/> once to a known size, and handing its array over without a copy when full.</summary>
internal static class Builders
{
    public static void Reserve<T>(ImmutableArray<T>.Builder builder, int more)
    {
        if (builder.Count + more > builder.Capacity)
        {
            builder.Capacity = builder.Count + more;
        }
    }

    public static ImmutableArray<T> Done<T>(ImmutableArray<T>.Builder builder) =>
        builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable();
}

/// <summary>FNV-1a, 64 bits, fed piece by piece: stable across processes (string.GetHashCode is not), and nothing is concatenated.</summary>
internal readonly struct Fnv
{
    private Fnv(ulong value) => Value = value;

    public static Fnv Start { get; } = new(14695981039346656037UL);

    public ulong Value { get; }

    public Fnv Add(string text)
    {
        var hash = Value;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new Fnv((hash ^ 0xFFFF) * 1099511628211UL);
    }

    public Fnv Add(int number) => new((Value ^ (uint)number) * 1099511628211UL);

    public Fnv Add(SyntaxTokenList tokens)
    {
        var hash = this;
        foreach (var token in tokens)
        {
            hash = hash.Add(token.RawKind);
        }

        return hash.Add(-1);
    }

    /// <summary>A node's text without trivia; an identifier without building a string.</summary>
    public Fnv Add(SyntaxNode? node) => node switch
    {
        null => Add(-2),
        IdentifierNameSyntax identifier => Add(identifier.Identifier.ValueText),
        PredefinedTypeSyntax predefined => Add(predefined.Keyword.RawKind),
        _ => Add(node.ToString()),
    };
}
