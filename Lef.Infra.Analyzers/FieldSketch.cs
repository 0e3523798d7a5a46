using System.Collections.Generic;
using System.Collections.Immutable;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>How an argument's value is written. Only the first three are read from syntax; anything else goes to the binder.</summary>
internal enum ValueShape
{
    /// <summary>A string or int literal: its value is known without binding.</summary>
    Literal,

    /// <summary><c>Name</c> or <c>A.B.Name</c>: a const, an enum member or a topology field, resolved per compilation.</summary>
    Name,

    /// <summary><c>new(...)</c> or <c>new T(...)</c> (a nested Backend).</summary>
    Creation,

    /// <summary><c>[a, b]</c> or <c>new[] { a, b }</c>: each element is its own literal or name.</summary>
    List,

    /// <summary>Anything else: a call, an interpolation, a cast, <c>null</c>, a ref argument...</summary>
    Other,
}

/// <summary>
/// Where one file's declarations and arguments are. A sketch keeps an argument's span, and its <see cref="SourceSite"/> is
/// made only when something asks: a violation, a test. A build reads a hundred thousand arguments and reports none. The
/// sites it makes work out their line and column when first asked too, so a file's line table (a pass over its text and an
/// array of its line starts) is made only when something is reported in it.
/// </summary>
internal sealed class SiteMaker(string path, SourceText text) : ILinePositions
{
    public SourceSite Of(TextSpan span) => new(path, span.Start, span.Length, this);

    public (int Line, int Column) PositionOf(int position)
    {
        var start = text.Lines.GetLinePosition(position);
        return (start.Line + 1, start.Character + 1);
    }
}

/// <summary>
/// One argument as written: its name (if named), shape, value or name, and where it is. A build reads about a hundred
/// thousand, so it holds one payload whose type the shape gives: the literal, the <see cref="WrittenName"/> (shared by every
/// argument of the file that writes that name), the <see cref="CreationSketch"/>, or the elements. Its site is made from
/// <see cref="Span"/> by its file's <see cref="SiteMaker"/> (<see cref="FieldSketch.File"/>) when something asks.
/// A struct, kept inline in its creation's (or list's) array: an object each was 48 bytes and a reference more.
/// </summary>
internal readonly struct ArgumentSketch
{
    // The shape in the top 3 bits of the length: 24 bytes, not 32 (a span's length needs 29 bits in a file under 512M chars).
    private const int LengthBits = 29;
    private const int LengthMask = (1 << LengthBits) - 1;

    private readonly object? payload;
    private readonly int start;
    private readonly int lengthAndShape;

    public ArgumentSketch(string? name, ValueShape shape, TextSpan span, object? payload = null)
    {
        if (span.Length > LengthMask || (uint)shape >= 1u << (32 - LengthBits))
        {
            throw new System.ArgumentOutOfRangeException(nameof(span), "an argument longer than " + LengthMask + " characters, or a shape past 7");
        }

        Name = name;
        start = span.Start;
        lengthAndShape = span.Length | ((int)shape << LengthBits);
        this.payload = payload;
    }

    public string? Name { get; }

    public ValueShape Shape => (ValueShape)((uint)lengthAndShape >> LengthBits);

    /// <summary>The expression as written, in the file.</summary>
    public TextSpan Span => new(start, lengthAndShape & LengthMask);

    /// <summary>The literal's value (a string or an int) when <see cref="Shape"/> is <see cref="ValueShape.Literal"/>.</summary>
    public object? Literal => Shape == ValueShape.Literal ? payload : null;

    /// <summary>The dotted name when <see cref="Shape"/> is <see cref="ValueShape.Name"/>.</summary>
    public WrittenName? Written => payload as WrittenName;

    /// <summary>The dotted name's identifiers, <c>[Vips, Erp]</c>, when <see cref="Shape"/> is <see cref="ValueShape.Name"/>.</summary>
    public ImmutableArray<string> Parts => Written?.Parts ?? default;

    /// <summary>The qualifier's identifiers joined, <c>Vips</c>; null for a simple name.</summary>
    public string? QualifierText => Written?.QualifierText;

    /// <summary>All identifiers joined, <c>Vips.Erp</c>.</summary>
    public string? Text => Written?.Text;

    /// <summary>The whole name as written, for the binder when a lookup is not enough (<see cref="WrittenName.Syntax"/>).</summary>
    public ExpressionSyntax? NameSyntax => Written?.Syntax;

    /// <summary>Everything but the last identifier (<c>Vips</c>); null for a simple name.</summary>
    public ExpressionSyntax? QualifierSyntax => Written?.QualifierSyntax;

    public CreationSketch? Creation => payload as CreationSketch;

    /// <summary>The elements, in order, when <see cref="Shape"/> is <see cref="ValueShape.List"/>.</summary>
    public ImmutableArray<ArgumentSketch> Elements => payload is ImmutableArray<ArgumentSketch> elements ? elements : default;
}

/// <summary>A <c>new(...)</c> or <c>new T(...)</c> with its arguments in written order.</summary>
internal sealed class CreationSketch
{
    private TypeSyntax? type;

    public CreationSketch(TypeSyntax? type, WrittenType writtenType, ImmutableArray<ArgumentSketch> arguments)
    {
        this.type = type;
        IsTargetTyped = type is null;
        WrittenType = writtenType;
        Arguments = arguments;
    }

    /// <summary>A <c>new T(...)</c> the <see cref="InitializerScanner"/> read: T is a dotted name, parsed from its text when first bound.</summary>
    public CreationSketch(WrittenType writtenType, ImmutableArray<ArgumentSketch> arguments)
    {
        WrittenType = writtenType;
        Arguments = arguments;
    }

    public bool IsTargetTyped { get; }

    /// <summary>Null for a target-typed <c>new(...)</c>.</summary>
    public TypeSyntax? Type => IsTargetTyped ? null : type ??= SyntaxFactory.ParseTypeName(WrittenType.Text!);

    public WrittenType WrittenType { get; }

    public ImmutableArray<ArgumentSketch> Arguments { get; }
}

/// <summary>
/// A type as written, when it is a plain dotted name (<c>Vip</c>, <c>Dsl.Vip</c>): the file's shared <see cref="WrittenName"/>
/// (one reference: a build keeps two per field); default otherwise.
/// </summary>
internal readonly record struct WrittenType(WrittenName? Name)
{
    /// <summary>The identifiers; default when the type is not a plain dotted name.</summary>
    public ImmutableArray<string> Parts => Name?.Parts ?? default;

    public string? Text => Name?.Text;

    /// <summary>See <see cref="WrittenName.Index"/>.</summary>
    public int Index => Name?.Index ?? -1;
}

/// <summary>
/// A class declaration that holds candidate fields: the scope their names are looked up from. Two scopes with the same
/// <see cref="Context"/> see the same names, except names their own members declare, so a name is bound once per context.
/// </summary>
internal sealed class ScopeSketch
{
    public required TypeDeclarationSyntax Node { get; init; }

    /// <summary>Enclosing namespaces and every using directive in scope; null when only this scope can answer (nested, partial or generic).</summary>
    public required string? Context { get; init; }

    /// <summary>
    /// Names this declaration itself declares (members, nested types, type parameters): they shadow the context. Listed by
    /// the sketch as it walks the members, then made a set once (<see cref="CloseMembers"/>): a set grown name by name
    /// resizes a dozen times in a class of a thousand fields.
    /// </summary>
    public HashSet<string> MemberNames { get; private set; } = null!;

    /// <summary>The names <see cref="MemberNames"/> is made of, while the sketch walks the members.</summary>
    public required List<string> DeclaredMemberNames { get; init; }

    /// <summary>Every member is walked: makes <see cref="MemberNames"/>.</summary>
    public void CloseMembers() => MemberNames = new HashSet<string>(DeclaredMemberNames, System.StringComparer.Ordinal);

    /// <summary>The type's full name as <see cref="TopologySourceReader.TypeKeyOf"/> gives it; null when generic (the binder's display has type parameters).</summary>
    public required string? Key { get; init; }

    /// <summary>The type names from the outermost one in, <c>Outer.Vips</c>.</summary>
    public required string Field { get; init; }

    /// <summary>False when this part of a partial class is not marked static (another part may be): the binder decides.</summary>
    public required bool IsStatic { get; init; }

    /// <summary>A class marked static, or partial (another part may be): its static readonly fields are candidates.</summary>
    public required bool CanHoldTopology { get; init; }

    /// <summary>Consts of this declaration initialized with a string or int literal, by name: their value needs no binding.</summary>
    public required Dictionary<string, (string TypeKeyword, object Value)> LiteralConsts { get; init; }
}

/// <summary>
/// A field (consts aside), read from its syntax or text alone: everything about it that does not depend on the rest of the compilation.
/// The static readonly fields of static classes are the candidate topology declarations; the others only matter when a
/// record is declared in them (LEF0014). Names are resolved per compilation, so a sketch never goes stale.
/// </summary>
internal sealed class FieldSketch
{
    private VariableDeclaratorSyntax? variable;

    /// <summary>The declaration the field is in (with its modifiers); its other nodes are made from it only when asked.</summary>
    public required FieldDeclarationSyntax Declaration { get; init; }

    /// <summary>The sketch of the file the field is in, whose <see cref="TreeSketch.Sites"/> make its arguments' sites.</summary>
    public required TreeSketch File { get; init; }

    /// <summary>The field's name.</summary>
    public required string Name { get; init; }

    /// <summary>The field's declarator; made from <see cref="Declaration"/> when first asked (a scanned field has one).</summary>
    public VariableDeclaratorSyntax Variable
    {
        get => variable ??= Declaration.Declaration.Variables[0];
        init => variable = value;
    }

    public required ScopeSketch Scope { get; init; }

    /// <summary>The tree the field is in, without making any of its nodes.</summary>
    public SyntaxTree Tree => Declaration.SyntaxTree;

    /// <summary>A position in the scope outside any initializer: binding there never binds an initializer.</summary>
    public required int Position { get; init; }

    /// <summary>The declared type's syntax; made when first asked (binding a name the first time needs it), then kept by the tree.</summary>
    public TypeSyntax Type => Declaration.Declaration.Type;

    public required WrittenType WrittenType { get; init; }

    /// <summary>The field's full name; null when only the binder can tell (generic types).</summary>
    public required string? Key { get; init; }

    /// <summary>The field as users name it, <c>Vips.Erp</c>.</summary>
    public required string Field { get; init; }

    public required SourceSite Site { get; init; }

    /// <summary>Declared public or internal: another file can reference it without the binder checking access.</summary>
    public required bool IsVisible { get; init; }

    public required bool IsStatic { get; init; }

    public required bool IsReadOnly { get; init; }

    /// <summary>Static readonly in a class that is (or may be) static: a topology declaration if its type is a DSL record.</summary>
    public required bool IsCandidate { get; init; }

    /// <summary>The initializer when it is an object creation; made when first asked (for a scanned field), then kept by the tree.</summary>
    public BaseObjectCreationExpressionSyntax? Initializer => Variable.Initializer?.Value as BaseObjectCreationExpressionSyntax;

    /// <summary>The T of an initializer <c>new T(...)</c>; default for <c>new(...)</c> (its type is the field's).</summary>
    public required WrittenType InitializerType { get; init; }

    /// <summary>Read by the <see cref="InitializerScanner"/> from the text (no node inside the initializer was made).</summary>
    public bool IsScanned { get; init; }

    /// <summary>The whole declaration read from its text (<see cref="InitializerScanner.ScanField"/>): no node below it was made.</summary>
    public bool IsFromText { get; init; }

    /// <summary>Null when the field is not a candidate, or its initializer is not a creation the syntax can read.</summary>
    public required CreationSketch? Creation { get; init; }

    private ImmutableArray<BaseObjectCreationExpressionSyntax> nestedCreations;

    /// <summary>
    /// The creations nested in <see cref="Creation"/>'s arguments (Backends), innermost first. Only the binder's reading
    /// asks, so they are found in the syntax then, whether the sketch was scanned or read from the syntax.
    /// </summary>
    public ImmutableArray<BaseObjectCreationExpressionSyntax> NestedCreations
    {
        get
        {
            if (nestedCreations.IsDefault)
            {
                var found = ImmutableArray.CreateBuilder<BaseObjectCreationExpressionSyntax>();
                if (Creation is not null && Initializer is not null)
                {
                    Nested(Initializer, found);
                }

                nestedCreations = found.ToImmutable();
            }

            return nestedCreations;
        }
    }

    /// <summary>What TreeSketch reads as a nested creation: an argument (not ref/out/in) that is a creation with arguments and no initializer, after its own nested ones.</summary>
    private static void Nested(BaseObjectCreationExpressionSyntax creation, ImmutableArray<BaseObjectCreationExpressionSyntax>.Builder found)
    {
        foreach (var argument in creation.ArgumentList?.Arguments ?? default)
        {
            if (argument.RefKindKeyword.RawKind == 0
                && argument.Expression is BaseObjectCreationExpressionSyntax { ArgumentList: not null, Initializer: null } inner
                and (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
            {
                Nested(inner, found);
                found.Add(inner);
            }
        }
    }
}
