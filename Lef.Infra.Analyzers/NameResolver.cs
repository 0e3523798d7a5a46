using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Analyzers;

/// <summary>What a name argument turned out to be.</summary>
internal enum NameKind
{
    /// <summary>Not something the syntax reader can use: the binder reads the field.</summary>
    Unknown,

    /// <summary>A const or enum member: <see cref="ResolvedName.Value"/> of <see cref="ResolvedName.Type"/> (or of <see cref="ResolvedName.Keyword"/>).</summary>
    Constant,

    /// <summary>A static readonly field of a static class: <see cref="ResolvedName.Key"/>, declared as <see cref="ResolvedName.Type"/>.</summary>
    Field,
}

/// <summary>A resolved name argument.</summary>
internal readonly record struct ResolvedName(NameKind Kind, ITypeSymbol? Type, string? Keyword, object? Value, string? Key);

/// <summary>
/// Binds the names sketches hold, in one compilation, each distinct one once per context: <c>Ports</c> is bound once for
/// every file with the same namespace and usings, then <c>Ports.SqlServer</c> is a member lookup, and <c>Vips.Erp</c> is
/// found among the sketched fields by its full name. Binding happens at a position outside every initializer, so no
/// initializer is ever bound. Every name looked at is recorded in <see cref="Dependencies"/>. One resolver per worker
/// reading files (it keeps the answers of the file it reads); what is bound is shared by every worker (<see cref="Shared"/>).
/// </summary>
internal sealed class NameResolver(NameResolver.Shared shared)
{
    /// <summary>What every class inherits from object: inside a class these names mean object's members.</summary>
    private static readonly HashSet<string> ObjectMembers = new(System.StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize",
    };

    private readonly Compilation compilation = shared.Compilation;
    private readonly FieldCandidates candidates = shared.Candidates;
    private readonly ConcurrentDictionary<(object Scope, string Text), ISymbol?> symbols = shared.Symbols;
    private readonly ConcurrentDictionary<(object Scope, string Text), ITypeSymbol?> types = shared.Types;
    private readonly ConcurrentDictionary<ISymbol, string> typeKeys = shared.TypeKeys;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> models = shared.Models;
    private readonly ConcurrentDictionary<string, FieldSketch> representatives = shared.Representatives;

    /// <summary>
    /// The file being read's answers, by <see cref="WrittenName.Index"/>, with the scope each was given in: a file writes
    /// <c>Ports.SqlServer</c> hundreds of times, and a scope's answer to a name does not change within one reading. Cleared
    /// for each file (<see cref="StartFile"/>), so an answer is only reused where its dependencies were recorded already.
    /// </summary>
    private Answer<ResolvedName>[] nameAnswers = [];
    private Answer<ITypeSymbol?>[] typeAnswers = [];

    /// <summary>Forgets the previous file's answers; call before reading a file.</summary>
    public void StartFile(TreeSketch sketch)
    {
        if (nameAnswers.Length < sketch.NameCount)
        {
            var size = System.Math.Max(sketch.NameCount, nameAnswers.Length * 2);
            (nameAnswers, typeAnswers) = (new Answer<ResolvedName>[size], new Answer<ITypeSymbol?>[size]);
            return;
        }

        System.Array.Clear(nameAnswers, 0, nameAnswers.Length);
        System.Array.Clear(typeAnswers, 0, typeAnswers.Length);
    }

    /// <summary>The semantic model of a tree, made once (binding needs the model of the tree the position is in).</summary>
    public SemanticModel ModelOf(SyntaxTree tree)
    {
        if (!models.TryGetValue(tree, out var model))
        {
#pragma warning disable RS1030 // The index spans every file of the compilation; an IDE analysing one open document still needs the others.
            model = models.GetOrAdd(tree, compilation.GetSemanticModel(tree));
#pragma warning restore RS1030
        }

        return model;
    }

    /// <summary>A type written in the field's scope (the T of a <c>new T(...)</c> the syntax reader did not read).</summary>
    public ITypeSymbol? Type(FieldSketch field, TypeSyntax syntax, WrittenType written, Dependencies dependencies) =>
        Type(field, new TypeWritten(syntax, null, null), written, dependencies);

    /// <summary>The field's declared type; its syntax (none yet for a field read from its text) is only made when the name was not bound before.</summary>
    public ITypeSymbol? DeclaredType(FieldSketch field, Dependencies dependencies) =>
        Type(field, new TypeWritten(null, null, field), field.WrittenType, dependencies);

    /// <summary>The T of <c>new T(...)</c>; its syntax is only made (for a scanned creation) when the name was not bound before.</summary>
    public ITypeSymbol? Type(FieldSketch field, CreationSketch creation, Dependencies dependencies) =>
        Type(field, new TypeWritten(null, creation, null), creation.WrittenType, dependencies);

    private ITypeSymbol? Type(FieldSketch field, TypeWritten syntax, WrittenType written, Dependencies dependencies)
    {
        if (written.Parts.IsDefault)
        {
            dependencies.Uncacheable();
            return Valid(ModelOf(field.Tree).GetSpeculativeTypeInfo(field.Position, syntax.Node, SpeculativeBindingOption.BindAsTypeOrNamespace).Type);
        }

        if (Answered(typeAnswers, written.Index, field.Scope, out var answer))
        {
            return answer;
        }

        dependencies.Add(written.Parts);
        var type = Resolve(types, field, ScopeOf(field, written.Parts[0]), written.Text!, (syntax, written), static (model, position, state) =>
        {
            // An error, or a private nested type, may mean something else in another class.
            var type = Valid(LookedUp(model, position, state.written)
                ?? model.GetSpeculativeTypeInfo(position, state.syntax.Node, SpeculativeBindingOption.BindAsTypeOrNamespace).Type);
            return (type, type is not null && IsVisibleInAssembly(type));
        });
        Remember(typeAnswers, written.Index, field.Scope, type);
        return type;
    }

    /// <summary>
    /// A simple type name for which lookup finds one thing, a non-generic named type: what binding the name gives, found by
    /// the binder's own lookup (same scopes, usings, shadowing and accessibility) without the use-site diagnostics binding
    /// works out for a type from a reference, which nobody here reads (for the DSL's records, the largest part of the first
    /// binding of each compilation). Anything else (nothing, several, an alias, a type parameter, a namespace, a generic
    /// type) is bound, as before; the parity tests check both ways give one model.
    /// </summary>
    private static ITypeSymbol? LookedUp(SemanticModel model, int position, WrittenType written)
    {
        if (written.Parts.Length != 1)
        {
            return null;
        }

        var found = model.LookupNamespacesAndTypes(position, name: written.Parts[0]);
        return found.Length == 1 && found[0] is INamedTypeSymbol { Arity: 0 } type ? type : null;
    }

    /// <summary>A name argument: a const (by value) or a topology field (by key), or <see cref="NameKind.Unknown"/>.</summary>
    public ResolvedName Name(FieldSketch field, ArgumentSketch argument, Dependencies dependencies)
    {
        var index = argument.Written?.Index ?? -1;
        if (Answered(nameAnswers, index, field.Scope, out var answer))
        {
            return answer;
        }

        answer = NameOnce(field, argument, dependencies);
        Remember(nameAnswers, index, field.Scope, answer);
        return answer;
    }

    /// <summary>
    /// Whether the file being read already resolved the name numbered <paramref name="index"/> in <paramref name="scope"/>.
    /// A sketch's names are numbered per file; a scope is one class declaration of one file, so an answer another file's
    /// number left (a candidate field's type) never matches a scope of this one.
    /// </summary>
    private static bool Answered<T>(Answer<T>[] answers, int index, ScopeSketch scope, out T value)
    {
        if ((uint)index < (uint)answers.Length && ReferenceEquals(answers[index].Scope, scope))
        {
            value = answers[index].Value;
            return true;
        }

        value = default!;
        return false;
    }

    private static void Remember<T>(Answer<T>[] answers, int index, ScopeSketch scope, T value)
    {
        if ((uint)index < (uint)answers.Length)
        {
            answers[index] = new Answer<T>(scope, value);
        }
    }

    private ResolvedName NameOnce(FieldSketch field, ArgumentSketch argument, Dependencies dependencies)
    {
        var parts = argument.Parts;
        dependencies.Add(parts);
        if (parts.Length == 1 && field.Scope.LiteralConsts.TryGetValue(parts[0], out var local))
        {
            // A const of this very declaration, initialized with a literal: simple-name lookup finds it first.
            return new ResolvedName(NameKind.Constant, null, local.TypeKeyword, local.Value, null);
        }

        var member = parts[parts.Length - 1];
        if (argument.QualifierText is { } qualifier && Bind(field, parts[0], qualifier, argument, qualifierOnly: true) is INamedTypeSymbol type)
        {
            if (type.IsFileLocal)
            {
                // Its full name is another type's too (file-local types are not in the candidates): the binder names the field.
            }
            else if (type.DeclaringSyntaxReferences.Length > 0)
            {
                if (candidates.TryGet(TypeKeyOf(type), member, out var candidate)
                    && candidate.IsCandidate && candidate.IsVisible && candidate.Scope.IsStatic
                    && DeclaredType(candidate, dependencies) is { } declared)
                {
                    return new ResolvedName(NameKind.Field, declared, null, null, candidate.Key);
                }
            }
            else if (type.GetMembers(member) is { Length: 1 } members && members[0] is IFieldSymbol { IsConst: true, DeclaredAccessibility: Accessibility.Public } constant)
            {
                // A const of a referenced assembly (Ports, Engine): fixed for as long as the references are.
                return Constant(constant, dependencies);
            }
        }

        return Bind(field, parts[0], argument.Text!, argument, qualifierOnly: false) switch
        {
            IFieldSymbol { IsConst: true } constant => Constant(constant, dependencies),
            IFieldSymbol target when TopologyFields.IsDiscoverable(target) => new ResolvedName(NameKind.Field, target.Type, null, null, KeyOf(target)),
            _ => default,
        };
    }

    private static ITypeSymbol? Valid(ITypeSymbol? type) => type is null or { TypeKind: TypeKind.Error } ? null : type;

    private static ResolvedName Constant(IFieldSymbol constant, Dependencies dependencies)
    {
        if (!constant.HasConstantValue || constant.ConstantValue is null)
        {
            return default;
        }

        // A source const whose value is not a literal may follow other declarations anywhere: read it again every time.
        if (constant.DeclaringSyntaxReferences is { Length: > 0 } references
            && !(references.Length == 1 && references[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax }))
        {
            dependencies.Uncacheable();
        }

        return new ResolvedName(NameKind.Constant, constant.Type, null, constant.ConstantValue, null);
    }

    private string KeyOf(IFieldSymbol field) => TypeKeyOf(field.ContainingType) + "." + field.Name;

    private string TypeKeyOf(INamedTypeSymbol type)
    {
        if (!typeKeys.TryGetValue(type, out var key))
        {
            key = typeKeys.GetOrAdd(type, TopologySourceReader.TypeKeyOf(type));
        }

        return key;
    }

    /// <summary>A dotted name bound once per context (or per scope, when the scope itself declares its first identifier).</summary>
    private ISymbol? Bind(FieldSketch field, string first, string text, ArgumentSketch argument, bool qualifierOnly) =>
        Resolve(symbols, field, ScopeOf(field, first), text, (argument, qualifierOnly), static (model, position, state) =>
        {
            var syntax = state.qualifierOnly ? state.argument.QualifierSyntax! : state.argument.NameSyntax!;
            var info = model.GetSpeculativeSymbolInfo(position, syntax, SpeculativeBindingOption.BindAsExpression);

            // A private member is accessible from some classes only, and found inaccessible from others.
            return (info.Symbol, info.Symbol is { } found ? IsVisibleInAssembly(found) : info.CandidateReason != CandidateReason.Inaccessible);
        });

    /// <summary>
    /// What <paramref name="text"/> means in <paramref name="scope"/>, bound once. A shared context's names are bound at its
    /// binding site (<see cref="BindingSite"/>), unless the answer may depend on the class asking (<paramref name="bind"/>
    /// says it is not the same everywhere): then it is bound, and kept, for the asking class alone.
    /// </summary>
    private T Resolve<T, TState>(
        ConcurrentDictionary<(object Scope, string Text), T> cache, FieldSketch field, object scope, string text, TState state, Func<SemanticModel, int, TState, (T Value, bool Everywhere)> bind)
    {
        if (cache.TryGetValue((scope, text), out var value) || (scope is string && cache.TryGetValue((field.Scope.Node, text), out value)))
        {
            return value;
        }

        var at = BindingSite(field, scope);
        var (bound, everywhere) = bind(ModelOf(at.Tree), PositionFor(at, scope), state);
        if (scope is string && !everywhere)
        {
            scope = field.Scope.Node;
            bound = bind(ModelOf(field.Tree), field.Position, state).Value;
        }

        // Another worker may have bound it meanwhile, to the same meaning: the first one kept is everyone's.
        return cache.GetOrAdd((scope, text), bound);
    }

    /// <summary>
    /// Accessible from every class of the compilation alike: it and every type containing it are public or internal. Only
    /// then is a name bound in one class of a context (<see cref="BindingSite"/>) what it means in all of them.
    /// </summary>
    private static bool IsVisibleInAssembly(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return current is ITypeParameterSymbol or IArrayTypeSymbol or IPointerTypeSymbol or IDynamicTypeSymbol
                    && current.DeclaredAccessibility == Accessibility.NotApplicable;
            }
        }

        return true;
    }

    /// <summary>
    /// Whose class to bind at: for a shared context, the first field that asked. Every file of the context then binds in one
    /// tree, and the compiler sets up one file's binders and usings, not each file's (a hundred endpoint files each naming
    /// their own team's VIP class did). The header of any class of the context gives the same meaning (see <see cref="ScopeOf"/>).
    /// </summary>
    private FieldSketch BindingSite(FieldSketch field, object scope)
    {
        if (scope is not string context)
        {
            return field;
        }

        return representatives.TryGetValue(context, out var representative) ? representative : representatives.GetOrAdd(context, field);
    }

    /// <summary>
    /// Where to bind: for a name the class does not declare, its header (the namespace's and usings' scope, the same meaning,
    /// and binding there does not make the compiler build the class's members); otherwise inside the class.
    /// </summary>
    private static int PositionFor(FieldSketch field, object scope) =>
        scope is string ? field.Scope.Node.Keyword.SpanStart : field.Position;

    /// <summary>Files with one namespace and the same usings see one meaning of a name, unless their own class declares it.</summary>
    private static object ScopeOf(FieldSketch field, string first) =>
        field.Scope.Context is { } context && !field.Scope.MemberNames.Contains(first) && !ObjectMembers.Contains(first) ? context : field.Scope.Node;

    /// <summary>
    /// What every worker of one index build binds into: names and types by scope, type keys, semantic models, and each shared
    /// context's binding site. A name bound twice at once (two workers) means the same either way, so whichever answer is
    /// kept first is kept; which field becomes a context's binding site does not change what its names mean (<see cref="BindingSite"/>).
    /// </summary>
    internal sealed class Shared(Compilation compilation, FieldCandidates candidates)
    {
        public Compilation Compilation { get; } = compilation;

        public FieldCandidates Candidates { get; } = candidates;

        public ConcurrentDictionary<(object Scope, string Text), ISymbol?> Symbols { get; } = new();

        public ConcurrentDictionary<(object Scope, string Text), ITypeSymbol?> Types { get; } = new();

        public ConcurrentDictionary<ISymbol, string> TypeKeys { get; } = new(SymbolEqualityComparer.Default);

        public ConcurrentDictionary<SyntaxTree, SemanticModel> Models { get; } = new();

        /// <summary>For each shared context, the field whose class header its names are bound at (the first to ask).</summary>
        public ConcurrentDictionary<string, FieldSketch> Representatives { get; } = new(System.StringComparer.Ordinal);
    }
}

/// <summary>What a name meant in one scope (see <see cref="NameResolver"/>'s per-file answers); an empty one has no scope.</summary>
internal readonly record struct Answer<T>(ScopeSketch? Scope, T Value);

/// <summary>Where a type's syntax comes from, made only when it is bound: given, a creation's T, or a field's declared type.</summary>
internal readonly record struct TypeWritten(TypeSyntax? Syntax, CreationSketch? Creation, FieldSketch? DeclaredBy)
{
    public TypeSyntax Node => Syntax ?? DeclaredBy?.Type ?? Creation!.Type!;
}
