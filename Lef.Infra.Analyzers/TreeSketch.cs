using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>
/// What one file declares, read once and kept for as long as the tree lives: the candidate topology fields, and every name
/// it declares (<see cref="DeclaredNames"/>). Namespaces, types and members are walked as syntax; a plain candidate field
/// is read from its text (<see cref="InitializerScanner"/>). An IDE reuses every unchanged tree in the next compilation,
/// so after a keystroke only the edited file is walked again.
/// </summary>
internal sealed class TreeSketch
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeSketch> Cache = new();

    private readonly SyntaxTree tree;
    private readonly SourceText text;
    private readonly CancellationToken cancellationToken;
    private readonly ImmutableArray<FieldSketch>.Builder fields = ImmutableArray.CreateBuilder<FieldSketch>();
    private readonly ImmutableArray<BaseObjectCreationExpressionSyntax>.Builder loose = ImmutableArray.CreateBuilder<BaseObjectCreationExpressionSyntax>();
    private readonly DeclaredNames.Builder declared = new();
    private readonly WrittenNames writtenNames = new();
    private readonly ImmutableArray<(string Key, bool IsPartial)>.Builder typeKeys = ImmutableArray.CreateBuilder<(string, bool)>();
    private InitializerScanner? scanner;
    private SiteMaker? sites;

    /// <summary>
    /// The file declares a file-local type (<c>file static class Ports</c>): in this file, and only here, its name means that
    /// type, so names here are bound per class, never shared with other files of the same namespace and usings.
    /// </summary>
    private bool declaresFileLocalTypes;

    /// <summary>False reads every initializer from its syntax: what <see cref="InitializerScanner"/> is tested against.</summary>
    private readonly bool scan;

    private TreeSketch(SyntaxTree tree, CancellationToken cancellationToken, bool scan = true)
    {
        this.scan = scan;
        this.tree = tree;
        this.cancellationToken = cancellationToken;
        text = tree.GetText(cancellationToken);
    }

    /// <summary>Every field (consts aside): the static readonly ones of static classes are the candidate topology declarations.</summary>
    public ImmutableArray<FieldSketch> Fields { get; private set; }

    /// <summary>
    /// The fields by their type's full name, then by their own (the first of a name wins): where another file's <c>Vips.Erp</c>
    /// is looked up (<see cref="FieldCandidates"/>). Kept with the sketch, so a keystroke does not index every file again.
    /// </summary>
    public IReadOnlyDictionary<string, Dictionary<string, FieldSketch>> FieldsByType { get; private set; } = new Dictionary<string, Dictionary<string, FieldSketch>>();

    /// <summary>
    /// Every type declaration with a full name (<see cref="ScopeSketch.Key"/>), and whether it is marked partial: a name
    /// declared twice without partial (CS0101) is ambiguous to the binder, so <see cref="FieldCandidates"/> must not pick one.
    /// </summary>
    public ImmutableArray<(string Key, bool IsPartial)> TypeKeys { get; private set; }

    /// <summary>
    /// Object creations whose type only the binder can tell (in methods, properties, unusual initializers): any of them may
    /// create a topology record where no reader looks (LEF0014). A topology project has few.
    /// </summary>
    public ImmutableArray<BaseObjectCreationExpressionSyntax> LooseCreations { get; private set; }

    /// <summary>Every name the file declares, with a hash of how (see <see cref="NameTable"/>).</summary>
    public ImmutableArray<DeclaredName> Declared { get; private set; }

    /// <summary>How many one and two-part names the file writes: each has its <see cref="WrittenName.Index"/> below this.</summary>
    public int NameCount => writtenNames.Count;

    /// <summary>
    /// The latest reading of the file (<see cref="TreeReading"/>), kept with the sketch, which lives as long as its tree.
    /// Replaced, never mutated, so concurrent compilations see a whole one.
    /// </summary>
    public TreeReading? Reading
    {
        get => Volatile.Read(ref reading);
        set => Volatile.Write(ref reading, value);
    }

    private TreeReading? reading;

    /// <summary>The tree's sketch, from the cache when an earlier compilation made it. A cancelled walk caches nothing.</summary>
    public static TreeSketch Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(tree, out var cached))
        {
            return cached;
        }

        var sketch = new TreeSketch(tree, cancellationToken);
        sketch.Walk((CompilationUnitSyntax)tree.GetRoot(cancellationToken));
        return Cache.GetValue(tree, _ => sketch);
    }

    /// <summary>A sketch made without the <see cref="InitializerScanner"/>, not cached: the reference the scanner is tested against.</summary>
    internal static TreeSketch FromSyntaxOnly(SyntaxTree tree)
    {
        var sketch = new TreeSketch(tree, CancellationToken.None, scan: false);
        sketch.Walk((CompilationUnitSyntax)tree.GetRoot());
        return sketch;
    }

    private static Dictionary<string, Dictionary<string, FieldSketch>> ByType(ImmutableArray<FieldSketch> fields)
    {
        var byType = new Dictionary<string, Dictionary<string, FieldSketch>>(System.StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Scope.Key is not { } typeKey)
            {
                continue;
            }

            if (!byType.TryGetValue(typeKey, out var named))
            {
                // Sized for every field of the file: usually one class holds them all.
                named = new Dictionary<string, FieldSketch>(fields.Length, System.StringComparer.Ordinal);
                byType.Add(typeKey, named);
            }

            var name = field.Name;
            if (!named.ContainsKey(name))
            {
                named.Add(name, field);
            }
        }

        return byType;
    }

    private void Walk(CompilationUnitSyntax root)
    {
        var usings = new List<string>();
        foreach (var alias in root.Externs)
        {
            usings.Add(alias.ToString());
        }

        foreach (var directive in root.Usings)
        {
            usings.Add(directive.ToString());
            if (directive.GlobalKeyword.RawKind != 0)
            {
                declared.Add(DeclaredNames.GlobalUsings, Fnv.Start.Add(directive));
            }
        }

        declaresFileLocalTypes = DeclaresFileLocalTypes(root.Members);
        Members(root.Members, string.Empty, usings);
        // The sketch is cached with its tree: the scanner's buffer and name table are not needed any more.
        scanner = null;
        Fields = Builders.Done(fields);
        FieldsByType = ByType(Fields);
        TypeKeys = typeKeys.ToImmutable();
        LooseCreations = loose.ToImmutable();
        Declared = declared.ToImmutable();
    }

    /// <summary>Whether any top-level type (the only kind that can be file-local) is declared <c>file</c>.</summary>
    private static bool DeclaresFileLocalTypes(SyntaxList<MemberDeclarationSyntax> members)
    {
        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns ? DeclaresFileLocalTypes(ns.Members) : IsFileLocal(member))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFileLocal(MemberDeclarationSyntax member) => member.Modifiers.Any(SyntaxKind.FileKeyword);

    private void Members(SyntaxList<MemberDeclarationSyntax> members, string container, List<string> usings)
    {
        foreach (var member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    // A name missing (half-typed) makes an empty part: types in it get no key, and the binder reads them.
                    var name = DottedName(ns.Name);
                    foreach (var part in name.Split('.'))
                    {
                        declared.Add(part, Fnv.Start.Add((int)SyntaxKind.NamespaceKeyword).Add(container));
                    }

                    var inner = new List<string>(usings);
                    foreach (var alias in ns.Externs)
                    {
                        inner.Add(alias.ToString());
                    }

                    foreach (var directive in ns.Usings)
                    {
                        inner.Add(directive.ToString());
                    }

                    Members(ns.Members, container.Length == 0 && name.Length > 0 ? name : container + "." + name, inner);
                    break;
                case BaseTypeDeclarationSyntax type:
                    // A namespace with a name missing (half-typed) has a display name only the binder knows.
                    var known = container.Length == 0 || System.Array.TrueForAll(container.Split('.'), part => part.Length > 0);
                    Type(type, container, usings, new TypeChain(known ? container : null, string.Empty, Nested: false));
                    break;
                default:
                    declared.Member(member, Seed(usings).Add(container));
                    Scan(member, except: null);
                    break;
            }
        }
    }

    private void Type(BaseTypeDeclarationSyntax type, string ns, List<string> usings, TypeChain outer)
    {
        var seed = Seed(usings);
        declared.Type(type, seed.Add(outer.Key ?? string.Empty));
        if (type is not TypeDeclarationSyntax declaration)
        {
            return;
        }

        var name = declaration.Identifier.ValueText;
        // A file-local type's fields have no key here: its display name is another type's too, so only the binder can tell.
        var chain = new TypeChain(
            outer.Key is null || declaration.TypeParameterList is not null || name.Length == 0 || IsFileLocal(declaration) ? null : Join(outer.Key, name),
            Join(outer.Field, name),
            Nested: true);
        var members = declaration.Members;
        var scope = Scope(declaration, ns, usings, outer.Nested || declaresFileLocalTypes, chain);
        if (chain.Key is { } typeKey)
        {
            typeKeys.Add((typeKey, declaration.Modifiers.Any(SyntaxKind.PartialKeyword)));
        }

        // A candidate field written plainly is read from its text: no syntax node below its declaration is made.
        var fromText = scan && scope.CanHoldTopology;
        var container = seed.Add(Join(ns, chain.Field));
        // A topology class is mostly fields, one name each: room for all of them at once.
        Builders.Reserve(fields, members.Count);
        declared.Reserve(members.Count);
        foreach (var member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is BaseTypeDeclarationSyntax nested)
            {
                scope.DeclaredMemberNames.Add(nested.Identifier.ValueText);
                Type(nested, ns, usings, chain);
                continue;
            }

            if (fromText && member is FieldDeclarationSyntax candidate && IsCandidate(candidate.Modifiers)
                && (scanner ??= new InitializerScanner(Written)).ScanField(text, candidate.Modifiers.Span.End, candidate.Span.End) is { } read)
            {
                scope.DeclaredMemberNames.Add(read.Name);
                declared.PlainField(candidate, read.TypeText, read.Name, container);
                Field(candidate, read, scope);
                continue;
            }

            DeclaredNames.AddNames(member, scope.DeclaredMemberNames);
            declared.Member(member, container);
            if (member is FieldDeclarationSyntax field && !field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                Field(field, scope);
            }
            else
            {
                if (member is FieldDeclarationSyntax constant)
                {
                    LiteralConsts(constant, scope.LiteralConsts);
                }

                Scan(member, except: null);
            }
        }

        // Every name is in: the set is made here, while the files are sketched, not while they are read.
        scope.CloseMembers();
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static bool CanHoldTopology(TypeDeclarationSyntax type) =>
        type is ClassDeclarationSyntax && (type.Modifiers.Any(SyntaxKind.StaticKeyword) || type.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>Static readonly, not const: in a class that can hold topology, a candidate declaration.</summary>
    private static bool IsCandidate(SyntaxTokenList modifiers) =>
        modifiers.Any(SyntaxKind.StaticKeyword) && modifiers.Any(SyntaxKind.ReadOnlyKeyword) && !modifiers.Any(SyntaxKind.ConstKeyword);

    /// <summary>
    /// Where a declaration's names are looked up from: its usings. Part of every declared name's hash, so a file that changes
    /// its usings changes what its fields' types mean, and every reading that looked at those fields is read again.
    /// </summary>
    private static Fnv Seed(List<string> usings)
    {
        var seed = Fnv.Start;
        foreach (var directive in usings)
        {
            seed = seed.Add(directive);
        }

        return seed;
    }

    /// <summary>
    /// The scope of a type declaration: where its fields' names are looked up from. <paramref name="nested"/> also when the
    /// file declares file-local types: either way, what a name means here may differ from another file's same context.
    /// </summary>
    private static ScopeSketch Scope(TypeDeclarationSyntax type, string ns, List<string> usings, bool nested, TypeChain chain)
    {
        var isStatic = type.Modifiers.Any(SyntaxKind.StaticKeyword);
        var isPartial = type.Modifiers.Any(SyntaxKind.PartialKeyword);

        // Sized for every member, which the walk adds as it goes.
        var memberNames = new List<string>(type.Members.Count);
        foreach (var parameter in type.TypeParameterList?.Parameters ?? default)
        {
            memberNames.Add(parameter.Identifier.ValueText);
        }

        return new ScopeSketch
        {
            Node = type,
            // A static class derives from object alone, so what it sees is its namespace, its usings and its own members.
            Context = isStatic && !nested && !isPartial && chain.Key is not null ? ns + "\n" + string.Join("\n", usings) : null,
            DeclaredMemberNames = memberNames,
            Key = chain.Key,
            Field = chain.Field,
            IsStatic = isStatic,
            CanHoldTopology = CanHoldTopology(type),
            LiteralConsts = new Dictionary<string, (string, object)>(System.StringComparer.Ordinal),
        };
    }

    /// <summary>A const initialized with a string or int literal: its value needs no binding (<see cref="ScopeSketch.LiteralConsts"/>).</summary>
    private static void LiteralConsts(FieldDeclarationSyntax field, Dictionary<string, (string TypeKeyword, object Value)> consts)
    {
        if (field.Declaration.Type is not PredefinedTypeSyntax keyword)
        {
            return;
        }

        foreach (var variable in field.Declaration.Variables)
        {
            if (variable.Initializer?.Value is LiteralExpressionSyntax { Token.Value: { } value } && value is string or int)
            {
                consts[variable.Identifier.ValueText] = (keyword.Keyword.ValueText, value);
            }
        }
    }

    private void Field(FieldDeclarationSyntax field, ScopeSketch scope)
    {
        var visible = IsVisible(field.Modifiers);
        var isStatic = field.Modifiers.Any(SyntaxKind.StaticKeyword);
        var isReadOnly = field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword);
        var type = TypeOf(field.Declaration.Type);
        foreach (var variable in field.Declaration.Variables)
        {
            var name = variable.Identifier.ValueText;
            var value = variable.Initializer?.Value;
            var initializer = value as BaseObjectCreationExpressionSyntax;
            var candidate = scope.CanHoldTopology && isStatic && isReadOnly;
            CreationSketch? creation = null;
            var scanned = false;
            if (candidate && initializer is not null && scan)
            {
                // From the text when it is plain, which makes no syntax node inside the initializer; from the syntax otherwise.
                scanner ??= new InitializerScanner(Written);
                creation = scanner.Scan(text, initializer.Span);
                scanned = creation is not null;
            }

            if (candidate && initializer is not null && !scanned)
            {
                creation = Creation(initializer);
            }

            if (creation is null && value is not null)
            {
                // Not read from syntax: any record created in it, other than the initializer itself, is the binder's to type.
                Scan(value, except: initializer);
            }

            fields.Add(new FieldSketch
            {
                Declaration = field,
                File = this,
                Name = name,
                Variable = variable,
                Scope = scope,
                Position = field.Declaration.Type.SpanStart,
                WrittenType = type,
                Key = scope.Key is null ? null : scope.Key + "." + name,
                Field = scope.Field + "." + name,
                Site = SiteOf(variable.Identifier.Span),
                IsVisible = visible,
                IsStatic = isStatic,
                IsReadOnly = isReadOnly,
                IsCandidate = candidate,
                InitializerType = initializer is ObjectCreationExpressionSyntax { Type: { } written } ? TypeOf(written) : default,
                Creation = creation,
                IsScanned = scanned,
            });

        }
    }

    /// <summary>A candidate field read from its text (<see cref="InitializerScanner.ScanField"/>): what <see cref="Field(FieldDeclarationSyntax, ScopeSketch)"/> gives it.</summary>
    private void Field(FieldDeclarationSyntax field, PlainField read, ScopeSketch scope)
    {
        var creation = read.Creation;
        fields.Add(new FieldSketch
        {
            Declaration = field,
            File = this,
            Name = read.Name,
            Scope = scope,
            Position = read.TypeStart,
            WrittenType = new WrittenType(read.Type),
            Key = scope.Key is null ? null : scope.Key + "." + read.Name,
            Field = scope.Field + "." + read.Name,
            Site = SiteOf(read.NameSpan),
            IsVisible = IsVisible(field.Modifiers),
            IsStatic = true,
            IsReadOnly = true,
            IsCandidate = true,
            InitializerType = creation.IsTargetTyped ? default : creation.WrittenType,
            Creation = creation,
            IsScanned = true,
            IsFromText = true,
        });
    }

    private static bool IsVisible(SyntaxTokenList modifiers) =>
        modifiers.Any(SyntaxKind.PublicKeyword) || (modifiers.Any(SyntaxKind.InternalKeyword) && !modifiers.Any(SyntaxKind.PrivateKeyword));

    /// <summary>Every object creation in a node (but one), for the binder to type (<see cref="LooseCreations"/>).</summary>
    private void Scan(SyntaxNode node, SyntaxNode? except)
    {
        foreach (var creation in node.DescendantNodesAndSelf().OfType<BaseObjectCreationExpressionSyntax>())
        {
            if (creation != except && creation is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax)
            {
                loose.Add(creation);
            }
        }
    }

    private CreationSketch? Creation(BaseObjectCreationExpressionSyntax value)
    {
        var (type, arguments, initializer) = value switch
        {
            ImplicitObjectCreationExpressionSyntax implicitNew => ((TypeSyntax?)null, implicitNew.ArgumentList, implicitNew.Initializer),
            ObjectCreationExpressionSyntax explicitNew => (explicitNew.Type, explicitNew.ArgumentList, explicitNew.Initializer),
            _ => (null, null, null),
        };
        if (arguments is null || initializer is not null)
        {
            return null;
        }

        var list = arguments.Arguments;
        var sketches = ImmutableArray.CreateBuilder<ArgumentSketch>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            sketches.Add(Argument(list[i]));
        }

        return new CreationSketch(type, type is null ? default : TypeOf(type), sketches.MoveToImmutable());
    }

    private ArgumentSketch Argument(ArgumentSyntax argument)
    {
        var name = argument.NameColon?.Name.Identifier.ValueText;
        var expression = argument.Expression;
        if (argument.RefKindKeyword.RawKind != 0)
        {
            return Other(name, expression);
        }

        switch (expression)
        {
            case ImplicitObjectCreationExpressionSyntax or ObjectCreationExpressionSyntax when Creation((BaseObjectCreationExpressionSyntax)expression) is { } inner:
                return new ArgumentSketch(name, ValueShape.Creation, expression.Span, inner);
            case CollectionExpressionSyntax collection:
                var elements = ImmutableArray.CreateBuilder<ArgumentSketch>(collection.Elements.Count);
                foreach (var element in collection.Elements)
                {
                    elements.Add(element is ExpressionElementSyntax { Expression: { } value } ? Value(null, value) : Other(null, element));
                }

                return new ArgumentSketch(name, ValueShape.List, expression.Span, elements.MoveToImmutable());
            case ImplicitArrayCreationExpressionSyntax array when array.Initializer.Expressions.Count > 0:
                // new[] { } has no element type to infer: an error only the binder reports.
                var items = ImmutableArray.CreateBuilder<ArgumentSketch>(array.Initializer.Expressions.Count);
                foreach (var value in array.Initializer.Expressions)
                {
                    items.Add(Value(null, value));
                }

                return new ArgumentSketch(name, ValueShape.List, expression.Span, items.MoveToImmutable());
            default:
                return Value(name, expression);
        }
    }

    /// <summary>A literal or a name (an argument, or a list element), or <see cref="ValueShape.Other"/>.</summary>
    private ArgumentSketch Value(string? name, ExpressionSyntax expression)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.Token.Value is string or int
                                                     && (literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.NumericLiteralExpression)):
                return new ArgumentSketch(name, ValueShape.Literal, expression.Span, literal.Token.Value);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when NameOf(expression) is { } written:
                // The name's own nodes, not a parse of its text: this sketch is the reference the scanner is tested against.
                return new ArgumentSketch(
                    name, ValueShape.Name, expression.Span, written.WithSyntax(expression, (expression as MemberAccessExpressionSyntax)?.Expression));
            default:
                return Other(name, expression);
        }
    }

    /// <summary>A value the syntax reader leaves to the binder; records created in it are the binder's to type too.</summary>
    private ArgumentSketch Other(string? name, SyntaxNode value)
    {
        Scan(value, except: null);
        return new ArgumentSketch(name, ValueShape.Other, value.Span);
    }

    /// <summary>A type as written, each distinct one made once per file.</summary>
    private WrittenType TypeOf(TypeSyntax type)
    {
        var name = NameOf(type);
        return name is null ? default : new WrittenType(name);
    }

    /// <summary><c>A</c> or <c>A.B.C</c> as identifiers, each distinct one or two-part name made once per file; null for anything else (generics, <c>global::</c>, keywords, calls).</summary>
    private WrittenName? NameOf(SyntaxNode node)
    {
        var (qualifier, last) = node switch
        {
            IdentifierNameSyntax identifier => (null, identifier.Identifier.ValueText),
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax left, Name: IdentifierNameSyntax right } access
                when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) => (left.Identifier.ValueText, right.Identifier.ValueText),
            QualifiedNameSyntax { Left: IdentifierNameSyntax left, Right: IdentifierNameSyntax right } => (left.Identifier.ValueText, right.Identifier.ValueText),
            _ => ((string?)null, (string?)null),
        };
        if (last is null)
        {
            if (Parts(node) is not { IsDefault: false } parts)
            {
                return null;
            }

            var array = parts.ToArray();
            return new WrittenName(parts, string.Join(".", array, 0, array.Length - 1), string.Join(".", array));
        }

        return Written(qualifier, last);
    }

    /// <summary>A one or two part name, each distinct one made once per file.</summary>
    private WrittenName Written(string? qualifier, string last)
    {
        if (!writtenNames.TryGet(qualifier, last, out var written))
        {
            written = qualifier is null
                ? new WrittenName(ImmutableArray.Create(last), null, last, writtenNames.Count)
                : new WrittenName(ImmutableArray.Create(qualifier, last), qualifier, text: null, writtenNames.Count);
            writtenNames.Add(written);
        }

        return written;
    }

    private static ImmutableArray<string> Parts(SyntaxNode node)
    {
        var parts = new List<string>();
        while (true)
        {
            switch (node)
            {
                case IdentifierNameSyntax identifier:
                    parts.Add(identifier.Identifier.ValueText);
                    parts.Reverse();
                    return parts.ToImmutableArray();
                case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax right } access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    parts.Add(right.Identifier.ValueText);
                    node = access.Expression;
                    break;
                case QualifiedNameSyntax { Right: IdentifierNameSyntax right } qualified:
                    parts.Add(right.Identifier.ValueText);
                    node = qualified.Left;
                    break;
                default:
                    return default;
            }
        }
    }

    private static string DottedName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => DottedName(qualified.Left) + "." + DottedName(qualified.Right),
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => name.ToString(),
    };

    /// <summary>The enclosing types: full name (null once any is generic), the names without namespace, and whether there is one.</summary>
    private readonly record struct TypeChain(string? Key, string Field, bool Nested);

    /// <summary>Makes the file's sites (their lines and columns when first asked), for the fields and, when something asks, their arguments (<see cref="ArgumentTable"/>).</summary>
    internal SiteMaker Sites => sites ??= new SiteMaker(tree.FilePath, text);

    private SourceSite SiteOf(TextSpan span) => Sites.Of(span);
}

/// <summary>
/// A dotted name as written: its identifiers, the qualifier's text (null for a simple name) and the whole text. A file's
/// sketch makes each distinct one or two-part name once and every argument that writes it shares it, with its syntax.
/// </summary>
internal sealed class WrittenName(ImmutableArray<string> parts, string? qualifierText, string? text, int index = -1)
{
    private ExpressionSyntax? syntax;
    private ExpressionSyntax? qualifierSyntax;
    private string? text = text;

    public ImmutableArray<string> Parts { get; } = parts;

    public string? QualifierText { get; } = qualifierText;

    /// <summary>
    /// All identifiers joined. A file's two-part names (<c>Vips.Erp</c>, one per VIP it names) are joined only when asked:
    /// a field found among the candidates, the usual case, never is. A race joins it twice, to equal strings.
    /// </summary>
    public string Text => text ??= QualifierText is null ? Parts[0] : QualifierText + "." + Parts[Parts.Length - 1];

    /// <summary>
    /// Its number among the names its file's sketch shares (0 to <see cref="TreeSketch.NameCount"/>), which
    /// <see cref="NameResolver"/> remembers a file's answers by; -1 for a name not shared (longer, or read from syntax).
    /// </summary>
    public int Index { get; } = index;

    /// <summary>
    /// The whole name as an expression, for the binder when a lookup is not enough: parsed from <see cref="Text"/> when first
    /// asked (a scanned name has no node), once per distinct name and file. A race parses it twice, to equal trees.
    /// </summary>
    public ExpressionSyntax Syntax => syntax ??= SyntaxFactory.ParseExpression(Text);

    /// <summary>Everything but the last identifier (<c>Vips</c>); null for a simple name.</summary>
    public ExpressionSyntax? QualifierSyntax => QualifierText is null ? null : qualifierSyntax ??= SyntaxFactory.ParseExpression(QualifierText);

    /// <summary>The same name with the nodes it was read from (a sketch read from syntax): not shared.</summary>
    public WrittenName WithSyntax(ExpressionSyntax name, ExpressionSyntax? qualifier) =>
        new(Parts, QualifierText, Text) { syntax = name, qualifierSyntax = qualifier };
}

/// <summary>
/// A file's one and two-part names (<see cref="TreeSketch"/>): simple names by their text, qualified ones by qualifier and
/// then name. A file writes a handful of qualifiers (<c>Ports</c>, <c>Vips</c>) and thousands of names, so two string-keyed
/// lookups are cheaper than one keyed by a pair; the walk both looks up and adds.
/// </summary>
internal sealed class WrittenNames
{
    private readonly Dictionary<string, WrittenName> simple = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, WrittenName>> qualified = new(System.StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool TryGet(string? qualifier, string last, out WrittenName written)
    {
        if (qualifier is null)
        {
            return simple.TryGetValue(last, out written!);
        }

        if (qualified.TryGetValue(qualifier, out var names))
        {
            return names.TryGetValue(last, out written!);
        }

        written = null!;
        return false;
    }

    /// <summary>A one or two-part name not added before.</summary>
    public void Add(WrittenName written)
    {
        if (written.QualifierText is not { } qualifier)
        {
            simple.Add(written.Text, written);
        }
        else
        {
            if (!qualified.TryGetValue(qualifier, out var names))
            {
                names = new Dictionary<string, WrittenName>(System.StringComparer.Ordinal);
                qualified.Add(qualifier, names);
            }

            names.Add(written.Parts[1], written);
        }

        Count++;
    }
}
