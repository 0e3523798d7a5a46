using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Reads a topology field from its sketch, binding names only: literals are taken as written, <c>Ports.SqlServer</c> and
/// <c>Vips.Erp</c> are looked up. It reads a field only when the result is certain to equal the binder's (right types,
/// every argument present, one public constructor); for anything else it says no, and the binder reads the field.
/// It never reports: whatever would be reported goes to the binder, so messages come from one place.
/// </summary>
internal sealed class TopologySyntaxReader(DslSymbols dsl, NameResolver names)
{
    private readonly Dictionary<ITypeSymbol, Plan> plans = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(string, int), string> elementNames = [];

    /// <summary>The record read last: consecutive fields are mostly of one type, and a symbol's hash is not free.</summary>
    private Plan? lastPlan;

    /// <summary>One buffer for every field read: a declaration's values are copied into the model's record straight away.</summary>
    private readonly WrittenDeclaration written = new();

    /// <summary>Arguments by parameter, one array per nesting level (an endpoint, its Backend), reused.</summary>
    private readonly List<ArgumentSketch?[]> byParameterAt = [];

    /// <summary>
    /// Reads a topology field of the given record type; false when only the binder can (nothing is reported either way).
    /// The declaration is this reader's buffer: take its values before reading the next field.
    /// </summary>
    public bool Read(FieldSketch field, ITypeSymbol type, Dependencies dependencies, out WrittenDeclaration? declaration)
    {
        declaration = null;
        if (!field.IsCandidate || !field.Scope.IsStatic || field.Key is null || field.Creation is null)
        {
            return false;
        }

        written.Start(field.Key, field.Field, field.Site, field.File.Sites);
        var plan = PlanOf(type);
        if (!Bind(field, dependencies, field.Creation, plan, plan.Names, written, depth: 0))
        {
            return false;
        }

        written.Finish();
        declaration = written;
        return true;
    }

    /// <param name="recordedAs">What each parameter's value is recorded as: its name, or <c>Backend.Host</c> in a nested creation.</param>
    private bool Bind(FieldSketch field, Dependencies dependencies, CreationSketch creation, Plan plan, string[] recordedAs, WrittenDeclaration into, int depth)
    {
        if (!creation.IsTargetTyped && !Same(names.Type(field, creation, dependencies), plan.Record))
        {
            return false;
        }

        if (!plan.IsReadable || creation.Arguments.Length > plan.Names.Length)
        {
            return false;
        }

        var byParameter = ByParameter(depth, plan.Names.Length);
        var named = false;
        for (var i = 0; i < creation.Arguments.Length; i++)
        {
            var argument = creation.Arguments[i];
            named |= argument.Name is not null;
            var index = argument.Name is null ? (named ? -1 : i) : Array.IndexOf(plan.Names, argument.Name);
            if (index < 0 || byParameter[index] is not null)
            {
                return false;
            }

            byParameter[index] = argument;
        }

        for (var i = 0; i < plan.Names.Length; i++)
        {
            if (byParameter[i] is not { } argument)
            {
                // Left out: its default applies, which the binder's reader skips too.
                if (plan.IsOptional[i])
                {
                    continue;
                }

                return false;
            }

            into.Arguments.Add(recordedAs[i], argument);
            if (!BindValue(field, dependencies, plan, i, argument, recordedAs[i], into, depth))
            {
                return false;
            }
        }

        return true;
    }

    private bool BindValue(FieldSketch field, Dependencies dependencies, Plan plan, int parameter, ArgumentSketch argument, string name, WrittenDeclaration into, int depth)
    {
        var type = plan.Types[parameter];
        switch (argument.Shape)
        {
            case ValueShape.Literal when Fits(argument.Literal, type):
                into.Add(name, argument.Literal!);
                return true;
            case ValueShape.Name:
                return BindName(field, dependencies, type, argument, name, into);
            case ValueShape.List when plan.ElementTypes[parameter] is { } elementType:
                for (var i = 0; i < argument.Elements.Length; i++)
                {
                    // Each element is read, and sited, as its own argument (Views[0], Views[1], ...), as the binder's reader does.
                    var element = argument.Elements[i];
                    var elementName = ElementName(name, i);
                    into.Arguments.Add(elementName, element);
                    var read = element.Shape switch
                    {
                        ValueShape.Literal when Fits(element.Literal, elementType) => into.Add(elementName, element.Literal!),
                        ValueShape.Name => BindName(field, dependencies, elementType, element, elementName, into),
                        _ => false,
                    };
                    if (!read)
                    {
                        return false;
                    }
                }

                into.Add(name, new WrittenDeclaration.ListLength(argument.Elements.Length));
                return true;

            case ValueShape.Creation when Same(type, dsl.Backend):
                // Only a Backend is flattened into its owner, as the binder's reader does.
                var backend = PlanOf(dsl.Backend);
                return Bind(field, dependencies, argument.Creation!, backend, plan.NestedNames(name, backend), into, depth + 1);
            default:
                return false;
        }
    }

    private bool BindName(FieldSketch field, Dependencies dependencies, ITypeSymbol type, ArgumentSketch argument, string name, WrittenDeclaration into)
    {
        var resolved = names.Name(field, argument, dependencies);
        switch (resolved.Kind)
        {
            case NameKind.Constant when resolved.Type is null ? Keyword(type) == resolved.Keyword : Same(resolved.Type, type):
                into.Add(name, resolved.Value!);
                return true;
            case NameKind.Field when Same(resolved.Type, type) && dsl.IsTopologyRecord(resolved.Type):
                into.Add(name, new WrittenDeclaration.Link(resolved.Key!));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The level's array, cleared, with room for every parameter (its slots past <paramref name="count"/> stay null).</summary>
    private ArgumentSketch?[] ByParameter(int depth, int count)
    {
        while (byParameterAt.Count <= depth)
        {
            byParameterAt.Add([]);
        }

        var array = byParameterAt[depth];
        if (array.Length < count)
        {
            array = new ArgumentSketch?[count];
            byParameterAt[depth] = array;
        }
        else
        {
            Array.Clear(array, 0, array.Length);
        }

        return array;
    }

    /// <summary><c>Views[0]</c>: made once per index build, not once per endpoint.</summary>
    private string ElementName(string list, int index)
    {
        if (!elementNames.TryGetValue((list, index), out var text))
        {
            text = list + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            elementNames.Add((list, index), text);
        }

        return text;
    }

    /// <summary>The T of an <c>IReadOnlyList&lt;T&gt;</c> parameter: the only list type the DSL uses.</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IReadOnlyList_T, TypeArguments.Length: 1 } list ? list.TypeArguments[0] : null;

    private static bool Fits(object? literal, ITypeSymbol type) =>
        (literal is string && type.SpecialType == SpecialType.System_String) || (literal is int && type.SpecialType == SpecialType.System_Int32);

    private static string? Keyword(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_String => "string",
        SpecialType.System_Int32 => "int",
        _ => null,
    };

    /// <summary>One symbol per type in a compilation: the reference test settles almost every comparison before the comparer's.</summary>
    private static bool Same(ITypeSymbol? a, ITypeSymbol? b) => ReferenceEquals(a, b) || SymbolEqualityComparer.Default.Equals(a, b);

    /// <summary>The record's constructor as the reader uses it, looked at once per index build.</summary>
    private Plan PlanOf(ITypeSymbol record)
    {
        if (lastPlan is { } last && ReferenceEquals(last.Record, record))
        {
            return last;
        }

        if (!plans.TryGetValue(record, out var plan))
        {
            plan = new Plan(record, ParametersOf(record));
            plans.Add(record, plan);
        }

        return lastPlan = plan;
    }

    /// <summary>The parameters of the record's one public constructor; default when it has more than one (overloads need the binder).</summary>
    private static ImmutableArray<IParameterSymbol> ParametersOf(ITypeSymbol record)
    {
        IMethodSymbol? only = null;
        var count = 0;
        foreach (var constructor in ((INamedTypeSymbol)record).InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public)
            {
                only = constructor;
                count++;
            }
        }

        return count == 1 && !only!.IsVararg && !HasParamsOrRef(only) ? only.Parameters : default;
    }

    private static bool HasParamsOrRef(IMethodSymbol constructor)
    {
        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.IsParams || parameter.RefKind != RefKind.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A record's one public constructor, read once per index build: the parameters' names, types, element types and
    /// whether each is optional, in arrays, so reading a field asks the symbols nothing. Not thread-safe, as the reader.
    /// </summary>
    private sealed class Plan
    {
        private readonly Dictionary<string, string[]> nestedNames = new(StringComparer.Ordinal);

        public Plan(ITypeSymbol record, ImmutableArray<IParameterSymbol> parameters)
        {
            Record = record;
            IsReadable = !parameters.IsDefault;
            var count = IsReadable ? parameters.Length : 0;
            (Names, Types, ElementTypes, IsOptional) = (new string[count], new ITypeSymbol[count], new ITypeSymbol?[count], new bool[count]);
            for (var i = 0; i < count; i++)
            {
                Names[i] = parameters[i].Name;
                Types[i] = parameters[i].Type;
                ElementTypes[i] = ElementType(Types[i]);
                IsOptional[i] = parameters[i].IsOptional;
            }
        }

        public ITypeSymbol Record { get; }

        /// <summary>False when the record has no one public constructor the syntax reader can follow.</summary>
        public bool IsReadable { get; }

        public string[] Names { get; }

        public ITypeSymbol[] Types { get; }

        public ITypeSymbol?[] ElementTypes { get; }

        public bool[] IsOptional { get; }

        /// <summary>A nested record's parameters as recorded under <paramref name="owner"/> (<c>Backend.Host</c>): made once per owner name.</summary>
        public string[] NestedNames(string owner, Plan nested)
        {
            if (!nestedNames.TryGetValue(owner, out var made))
            {
                made = new string[nested.Names.Length];
                for (var i = 0; i < made.Length; i++)
                {
                    made[i] = owner + "." + nested.Names[i];
                }

                nestedNames.Add(owner, made);
            }

            return made;
        }
    }
}

/// <summary>
/// A declaration the syntax reader read: its sites, constants, references and list lengths by (dotted) parameter name.
/// One per reader, reused field after field (<see cref="Start"/>); only its <see cref="Arguments"/> table outlives a field.
/// </summary>
internal sealed class WrittenDeclaration : IDeclarationValues
{
    // An endpoint has nine values (its Backend's two and each view among them): room for that without growing.
    private readonly List<(string Name, object Value)> values = new(12);
    private readonly ArgumentTable.Builder arguments = new();
    private ArgumentTable? table;

    public string Key { get; private set; } = string.Empty;

    public string Field { get; private set; } = string.Empty;

    public SourceSite Site { get; private set; } = null!;

    private SiteMaker sites = null!;

    /// <summary>Where each argument is, by (dotted) parameter name, collected while the field is read (<see cref="Finish"/> makes the table the model keeps).</summary>
    public ArgumentTable.Builder Arguments => arguments;

    IReadOnlyDictionary<string, SourceSite> IDeclarationValues.Sites => table ?? throw new InvalidOperationException("not finished");

    /// <summary>Forgets the previous field's values and starts on another.</summary>
    public void Start(string key, string field, SourceSite site, SiteMaker sites)
    {
        (Key, Field, Site, this.sites, table) = (key, field, site, sites, null);
        values.Clear();
        arguments.Clear();
    }

    /// <summary>Makes the arguments' table, which the model's record keeps.</summary>
    public void Finish() => table = arguments.ToTable(sites);

    /// <summary>Records a constant, a <see cref="Reference"/> or a <see cref="ListLength"/>; true, so it reads as a step that succeeded.</summary>
    public bool Add(string name, object value)
    {
        values.Add((name, value));
        return true;
    }

    public string? String(string name) => Value(name) as string;

    public int? Int(string name) => Value(name) is int number ? number : null;

    public string? Reference(string name) => Value(name) is Link link ? link.Key : null;

    public IReadOnlyList<string?>? StringList(string name) => Elements(name, value => value as string);

    public IReadOnlyList<string?>? ReferenceList(string name) => Elements(name, value => value is Link link ? link.Key : null);

    private object? Value(string name) => IndexOf(name) is var index and >= 0 ? values[index].Value : null;

    private int IndexOf(string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A list's elements: the reader records them, in order, just before the list's <see cref="ListLength"/>.</summary>
    private List<string?>? Elements(string name, Func<object, string?> element)
    {
        var index = IndexOf(name);
        if (index < 0 || values[index].Value is not ListLength list)
        {
            return null;
        }

        var elements = new List<string?>(list.Count);
        for (var i = index - list.Count; i < index; i++)
        {
            elements.Add(element(values[i].Value));
        }

        return elements;
    }

    /// <summary>A reference to a topology field, by its key.</summary>
    internal sealed record Link(string Key);

    /// <summary>A list written out in place: its elements are stored as <c>name[i]</c>.</summary>
    internal sealed record ListLength(int Count);
}
