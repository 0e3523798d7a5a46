using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Reads topology declarations from source into the plain model: every static readonly field of a static class whose type
/// is a DSL record. Fields written the usual way (literals, consts, references, lists of them) are read from their syntax,
/// binding only the names (<see cref="TopologySyntaxReader"/>); any other field is evaluated from its initializer's
/// operation tree. What it cannot evaluate is reported (LEF0008), not skipped. A file's reading is reused by the next
/// compilation while nothing it depended on changed (<see cref="TreeReading"/>).
/// </summary>
internal sealed class TopologySourceReader
{
    private readonly DslSymbols dsl;
    private readonly CancellationToken cancellationToken;
    private readonly bool fromSyntax;
    private readonly NameResolver names;
    private readonly TopologySyntaxReader? syntaxReader;

    /// <summary>The names the file being read looked up (cleared for each file; see <see cref="ReadOne"/>).</summary>
    private readonly Dependencies dependencies = new();

    // What the tree being read declares: cleared for each tree, whose reading keeps a copy of its own (Exact).
    private readonly List<PoolDeclaration> pools = [];
    private readonly List<VipDeclaration> vips = [];
    private readonly List<EndpointDeclaration> endpoints = [];
    private readonly List<ViewDeclaration> views = [];
    private readonly List<Violation> violations = [];

    private static readonly SymbolDisplayFormat KeyFormat =
        SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None);

    private TopologySourceReader(
        DslSymbols dsl, CancellationToken cancellationToken, bool fromSyntax, NameResolver.Shared bound)
    {
        this.dsl = dsl;
        this.cancellationToken = cancellationToken;
        this.fromSyntax = fromSyntax;
        names = new NameResolver(bound);
        syntaxReader = fromSyntax ? new TopologySyntaxReader(dsl, names) : null;
    }

    /// <param name="compilation">The compilation.</param>
    /// <param name="dsl">The DSL's types in it.</param>
    /// <param name="cancellationToken">Cancels the read; nothing read so far is kept.</param>
    /// <param name="fromSyntax">False binds every field (the reference the syntax reader is tested against).</param>
    /// <remarks>
    /// Files are sketched on every core (<see cref="Concurrently"/>), then read on every core: each worker has its own reader
    /// (the answers of the file it reads, its buffers), and every worker binds into one set of caches, so a name is bound
    /// about once per compilation however the files are shared out (a cache per worker measured three times slower than
    /// reading alone). Each file's reading, new or reused from an earlier compilation, goes into that file's slot, so the
    /// model is in file order whichever worker read it.
    /// </remarks>
    public static (TopologyModel Model, IReadOnlyList<Violation> Violations) Read(
        Compilation compilation, DslSymbols dsl, CancellationToken cancellationToken, bool fromSyntax = true)
    {
        var (trees, sketches, table) = Sketch(compilation, cancellationToken);
        var environment = ReadingEnvironment.Of(compilation);
        var readings = new TreeReading?[trees.Count];
        var toRead = new List<int>();
        for (var i = 0; i < trees.Count; i++)
        {
            // Trees without a candidate field (most of a normal project) never get a semantic model.
            if (sketches[i].Fields.IsEmpty)
            {
                continue;
            }

            if (fromSyntax && TreeReading.Reusable(sketches[i], environment, table) is { } reused)
            {
                readings[i] = reused;
                continue;
            }

            toRead.Add(i);
        }

        if (toRead.Count > 0)
        {
            var bound = new NameResolver.Shared(compilation, new FieldCandidates(sketches));
            Concurrently.For(
                toRead.Count,
                cancellationToken,
                () => new TopologySourceReader(dsl, cancellationToken, fromSyntax, bound),
                (reader, k) => readings[toRead[k]] = reader.ReadOne(trees[toRead[k]], sketches[toRead[k]], environment, table));
        }

        var inKeyOrder = true;
        var pools = Concatenated(readings, r => r.Pools, ref inKeyOrder);
        var vips = Concatenated(readings, r => r.Vips, ref inKeyOrder);
        var endpoints = Concatenated(readings, r => r.Endpoints, ref inKeyOrder);
        var views = Concatenated(readings, r => r.Views, ref inKeyOrder);
        var violations = new List<Violation>();
        foreach (var reading in readings)
        {
            if (reading is not null)
            {
                violations.AddRange(reading.Violations);
            }
        }

        var model = inKeyOrder ? TopologyModel.InKeyOrder(pools, vips, endpoints, views) : new TopologyModel(pools, vips, endpoints, views);
        return (model, violations);
    }

    /// <summary>
    /// One kind of declaration from every file, in file order, in one array grown once. Each file's run is in key order
    /// (<see cref="SortByKey"/>); <paramref name="inKeyOrder"/> is cleared when a run starts before the last one ended, and
    /// the model then sorts them all. Where runs meet is all there is to check: a look at two keys per file, not ten thousand.
    /// </summary>
    private static List<T> Concatenated<T>(TreeReading?[] readings, Func<TreeReading, IReadOnlyList<T>> of, ref bool inKeyOrder)
        where T : Declaration
    {
        var count = 0;
        foreach (var reading in readings)
        {
            count += reading is null ? 0 : of(reading).Count;
        }

        var all = new List<T>(count);
        string? last = null;
        foreach (var reading in readings)
        {
            if (reading is null || of(reading) is not { Count: > 0 } run)
            {
                continue;
            }

            if (last is not null && string.CompareOrdinal(last, run[0].Key) > 0)
            {
                inKeyOrder = false;
            }

            all.AddRange(run);
            last = run[run.Count - 1].Key;
        }

        return all;
    }

    /// <summary>What a file read, in an array of its own: the reader's lists are reused file after file, grown once.</summary>
    private static T[] Exact<T>(List<T> read) => read.Count == 0 ? System.Array.Empty<T>() : read.ToArray();

    /// <summary>The field's full name, <c>Topology.Vips.Erp</c>; the emitter's reader builds the same from reflection.</summary>
    public static string KeyOf(IFieldSymbol field) => TypeKeyOf(field.ContainingType) + "." + field.Name;

    /// <summary>The containing type's part of <see cref="KeyOf"/>, <c>Topology.Vips</c>.</summary>
    public static string TypeKeyOf(INamedTypeSymbol type) => type.ToDisplayString(KeyFormat);

    private static string FieldNameOf(IFieldSymbol field)
    {
        var names = new List<string> { field.Name };
        for (var type = field.ContainingType; type is not null; type = type.ContainingType)
        {
            names.Insert(0, type.Name);
        }

        return string.Join(".", names);
    }

    /// <summary>How many trees of the compilation have a reading an earlier compilation left that this one would reuse.</summary>
    internal static int ReusedTrees(Compilation compilation)
    {
        var (_, sketches, table) = Sketch(compilation, CancellationToken.None);
        var environment = ReadingEnvironment.Of(compilation);
        return sketches.Count(s => TreeReading.Reusable(s, environment, table) is not null);
    }

    private static (List<SyntaxTree> Trees, List<TreeSketch> Sketches, NameTable Names) Sketch(Compilation compilation, CancellationToken cancellationToken)
    {
        var trees = new List<SyntaxTree>(compilation.SyntaxTrees);
        var made = new TreeSketch[trees.Count];
        Concurrently.For(trees.Count, cancellationToken, () => 0, (_, i) => made[i] = TreeSketch.Of(trees[i], cancellationToken));
        var sketches = new List<TreeSketch>(made);
        var table = new NameTable(sketches);

        return (trees, sketches, table);
    }

    /// <summary>One file's declarations, in key order, and what reading them found wrong; kept for the next compilation when it may be reused.</summary>
    private TreeReading ReadOne(SyntaxTree tree, TreeSketch sketch, ReadingEnvironment environment, NameTable table)
    {
        pools.Clear();
        vips.Clear();
        endpoints.Clear();
        views.Clear();
        violations.Clear();
        dependencies.Clear();
        names.StartFile(sketch);
        ReadTree(tree, sketch, dependencies);
        SortByKey(pools);
        SortByKey(vips);
        SortByKey(endpoints);
        SortByKey(views);
        var cacheable = fromSyntax && dependencies.IsCacheable;
        var reading = new TreeReading(
            environment, cacheable ? dependencies.Names : [], table, Exact(pools), Exact(vips), Exact(endpoints), Exact(views), Exact(violations));
        if (cacheable)
        {
            sketch.Reading = reading;
        }

        return reading;
    }

    private void ReadTree(SyntaxTree tree, TreeSketch sketch, Dependencies dependencies)
    {
        foreach (var field in sketch.Fields)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = TypeOf(field, dependencies, out var symbol);
            if (!dsl.IsTopologyRecord(type))
            {
                CheckCreations(field, type, dependencies);
                continue;
            }

            if (!IsDiscoverable(field, ref symbol, dependencies))
            {
                violations.Add(TopologyFields.Field(
                    field.Key ?? field.Field, field.Site, field.Scope.Node.Identifier.ValueText, field.Name,
                    TopologyFields.Why(field.IsStatic, field.IsReadOnly)));
                CheckCreations(field, type, dependencies);
                continue;
            }

            if (syntaxReader is not null && syntaxReader.Read(field, type!, dependencies, out var written))
            {
                // Read in full from syntax: the only records created in it are the field's own and its Backends.
                Add(type!, written!);
                continue;
            }

            dependencies.Uncacheable();
            var semanticModel = names.ModelOf(tree);
            symbol ??= semanticModel.GetDeclaredSymbol(field.Variable, cancellationToken) as IFieldSymbol;
            if (symbol is not null && TopologyFields.IsDiscoverable(symbol))
            {
                ReadDeclaration(symbol, field.Variable, semanticModel);
            }

            CheckCreations(field, type, dependencies);
        }

        foreach (var creation in sketch.LooseCreations)
        {
            dependencies.Uncacheable();
            CheckCreation(creation, ownerKey: string.Empty);
        }
    }

    /// <summary>The field's type: looked up by name, or bound with the field when the name is not enough (or when reading without sketches).</summary>
    private ITypeSymbol? TypeOf(FieldSketch field, Dependencies dependencies, out IFieldSymbol? symbol)
    {
        symbol = null;
        if (fromSyntax && names.DeclaredType(field, dependencies) is { } type)
        {
            return type;
        }

        dependencies.Uncacheable();
        symbol = names.ModelOf(field.Tree).GetDeclaredSymbol(field.Variable, cancellationToken) as IFieldSymbol;
        return symbol?.Type;
    }

    /// <summary>Static readonly in a static class; a partial part without <c>static</c> asks the binder whether another part has it.</summary>
    private bool IsDiscoverable(FieldSketch field, ref IFieldSymbol? symbol, Dependencies dependencies)
    {
        if (!field.IsStatic || !field.IsReadOnly || (!field.Scope.IsStatic && !field.Scope.CanHoldTopology))
        {
            return false;
        }

        // A static class: discoverable. Anything else marked static (a struct, in half-typed code) is the binder's to judge.
        if (field.Scope.IsStatic && field.Scope.CanHoldTopology && fromSyntax)
        {
            return true;
        }

        dependencies.Uncacheable();
        symbol ??= names.ModelOf(field.Tree).GetDeclaredSymbol(field.Variable, cancellationToken) as IFieldSymbol;
        return symbol is not null && TopologyFields.IsDiscoverable(symbol);
    }

    /// <summary>
    /// LEF0014 for records created in a field's initializer, its own creation aside when the field is of a record type. A field
    /// the syntax reader read has none to check; an explicit <c>new T(...)</c> initializing another field is typed by name.
    /// </summary>
    private void CheckCreations(FieldSketch field, ITypeSymbol? type, Dependencies dependencies)
    {
        var key = field.Key ?? field.Field;
        if (!dsl.IsTopologyRecord(type) && field.Initializer is { } initializer)
        {
            if (fromSyntax && !field.InitializerType.Parts.IsDefault)
            {
                // Typed by name; the field it initializes is not of a record type, so it is never the field's own.
                var created = names.Type(field, ((ObjectCreationExpressionSyntax)initializer).Type, field.InitializerType, dependencies);
                if (dsl.IsTopologyRecord(created) && TopologyFields.Creation(key, initializer, created!.Name, _ => false) is { } violation)
                {
                    violations.Add(violation);
                }
            }
            else if (field.Initializer is ObjectCreationExpressionSyntax)
            {
                dependencies.Uncacheable();
                CheckCreation(initializer, key);
            }
        }

        foreach (var creation in field.NestedCreations)
        {
            dependencies.Uncacheable();
            CheckCreation(creation, key);
        }
    }

    /// <summary>LEF0014 for one creation, typed by the binder.</summary>
    private void CheckCreation(BaseObjectCreationExpressionSyntax creation, string ownerKey)
    {
        var model = names.ModelOf(creation.SyntaxTree);
        if (model.GetTypeInfo(creation, cancellationToken).Type is { } type && dsl.IsTopologyRecord(type)
            && TopologyFields.Creation(ownerKey, creation, type.Name, declarator => model.GetDeclaredSymbol(declarator, cancellationToken) is IFieldSymbol { Type: var fieldType } && dsl.IsTopologyRecord(fieldType)) is { } violation)
        {
            violations.Add(violation);
        }
    }

    /// <summary>
    /// One file's declarations in key order (stable), sorted once when the file is read: files then usually follow each
    /// other in key order too, and the model takes them as they are (<see cref="Concatenated"/>) instead of sorting them all
    /// again on every keystroke.
    /// </summary>
    private static void SortByKey<T>(List<T> all)
        where T : Declaration
    {
        // Declared in key order (the usual way a file is written, and any file of one declaration): nothing to do.
        if (TopologyModel.IsInKeyOrder(all))
        {
            return;
        }

        // Stable: equal keys (a field declared twice, which the compiler reports) keep their written order.
        var order = new int[all.Count];
        var keys = new string[order.Length];
        var items = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            (order[i], keys[i], items[i]) = (i, all[i].Key, all[i]);
        }

        System.Array.Sort(order, (a, b) => StringComparer.Ordinal.Compare(keys[a], keys[b]) is var byKey && byKey != 0 ? byKey : a.CompareTo(b));
        for (var i = 0; i < order.Length; i++)
        {
            all[i] = items[order[i]];
        }
    }

    private void ReadDeclaration(IFieldSymbol symbol, VariableDeclaratorSyntax variable, SemanticModel semanticModel)
    {
        var declaration = new Reading(this, KeyOf(symbol), FieldNameOf(symbol), SiteOf(variable.Identifier.GetLocation()));
        var creation = variable.Initializer is { } initializer
            ? Unwrap(semanticModel.GetOperation(initializer.Value, cancellationToken)) as IObjectCreationOperation
            : null;
        if (creation is null)
        {
            if (variable.Initializer is null || semanticModel.GetOperation(variable.Initializer.Value, cancellationToken) is not IInvalidOperation)
            {
                declaration.Report(
                    declaration.Site,
                    declaration.Field + " must be initialized with new " + symbol.Type.Name + "(...) written out in place, so it can be checked");
            }

            return;
        }

        declaration.AddArguments(creation, prefix: string.Empty);
        Add(symbol.Type, declaration);
    }

    /// <summary>The model's declaration for a field of a record type, from its values however they were read.</summary>
    private void Add(ITypeSymbol type, IDeclarationValues declaration)
    {
        if (SymbolEqualityComparer.Default.Equals(type, dsl.Pool))
        {
            pools.Add(new PoolDeclaration
            {
                Key = declaration.Key,
                Field = declaration.Field,
                Site = declaration.Site,
                ArgumentSites = declaration.Sites,
                Host = declaration.String(nameof(VipPool.Host)),
                Interface = declaration.String(nameof(VipPool.Interface)),
                Network = declaration.String(nameof(VipPool.Network)),
                First = declaration.String(nameof(VipPool.First)),
                Last = declaration.String(nameof(VipPool.Last)),
            });
        }
        else if (SymbolEqualityComparer.Default.Equals(type, dsl.Vip))
        {
            vips.Add(new VipDeclaration
            {
                Key = declaration.Key,
                Field = declaration.Field,
                Site = declaration.Site,
                ArgumentSites = declaration.Sites,
                PoolKey = declaration.Reference(nameof(Vip.Pool)),
                Address = declaration.String(nameof(Vip.Address)),
                Alias = declaration.Int(nameof(Vip.Alias)),
            });
        }
        else if (SymbolEqualityComparer.Default.Equals(type, dsl.View))
        {
            views.Add(new ViewDeclaration
            {
                Key = declaration.Key,
                Field = declaration.Field,
                Site = declaration.Site,
                ArgumentSites = declaration.Sites,
                Name = declaration.String(nameof(DnsView.Name)),
                MatchClients = declaration.StringList(nameof(DnsView.MatchClients)),
                Kind = declaration.Int(nameof(DnsView.Kind)) is { } kind ? (ViewKind)kind : null,
            });
        }
        else
        {
            endpoints.Add(new EndpointDeclaration
            {
                Key = declaration.Key,
                Field = declaration.Field,
                Site = declaration.Site,
                ArgumentSites = declaration.Sites,
                Name = declaration.String(nameof(Endpoint.Name)),
                VipKey = declaration.Reference(nameof(Endpoint.Vip)),
                Port = declaration.Int(nameof(Endpoint.Port)),
                Engine = declaration.Int(nameof(Endpoint.Engine)) is { } engine ? (Engine)engine : null,
                BackendHost = declaration.String(nameof(Endpoint.Backend) + "." + nameof(Backend.Host)),
                BackendPort = declaration.Int(nameof(Endpoint.Backend) + "." + nameof(Backend.Port)),
                ViewKeys = declaration.ReferenceList(nameof(Endpoint.Views)),
            });
        }
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>The argument's expression as written, with any '!' or parentheses: the span the emitter's source scan finds too.</summary>
    private static SyntaxNode WrittenExpression(SyntaxNode value)
    {
        var node = value;
        while (node.Parent is ExpressionSyntax parent && node.Parent is not ArgumentListSyntax)
        {
            node = parent;
        }

        return node.Parent is ArgumentSyntax ? node : value;
    }

    private static SourceSite SiteOf(Location location)
    {
        var line = location.GetLineSpan().StartLinePosition;
        return new SourceSite(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan.Start, location.SourceSpan.Length, line.Line + 1, line.Character + 1);
    }

    /// <summary>One declaration being read: its arguments by (dotted) parameter name, and the sites the model keeps.</summary>
    private sealed class Reading(TopologySourceReader reader, string key, string field, SourceSite site) : IDeclarationValues
    {
        private readonly Dictionary<string, IOperation> arguments = [];
        private readonly Dictionary<string, int> listLengths = [];

        public string Key { get; } = key;

        public string Field { get; } = field;

        public SourceSite Site { get; } = site;

        public Dictionary<string, SourceSite> Sites { get; } = [];

        IReadOnlyDictionary<string, SourceSite> IDeclarationValues.Sites => Sites;

        public void AddArguments(IObjectCreationOperation creation, string prefix)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var name = prefix + argument.Parameter.Name;
                var value = Unwrap(argument.Value)!;
                Sites[name] = SiteOf(WrittenExpression(argument.Value.Syntax).GetLocation());
                if (value is IObjectCreationOperation nested && SymbolEqualityComparer.Default.Equals(nested.Type, reader.dsl.Backend))
                {
                    AddArguments(nested, name + ".");
                }
                else if (SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, reader.dsl.Backend))
                {
                    // Read in place or not at all: a Backend from elsewhere would go unchecked by every backend rule.
                    if (value is not IInvalidOperation)
                    {
                        Report(Sites[name], BackendInline(name, Field));
                    }
                }
                else if (Elements(value) is { } elements)
                {
                    // A list written out in place: each element is read, and sited, as its own argument (Views[0], Views[1], ...).
                    listLengths[name] = elements.Length;
                    for (var i = 0; i < elements.Length; i++)
                    {
                        var element = ElementName(name, i);
                        Sites[element] = SiteOf(WrittenAs(elements[i].Syntax).GetLocation());
                        arguments[element] = Unwrap(elements[i])!;
                    }
                }
                else
                {
                    arguments[name] = value;
                }
            }
        }

        public string? String(string name) => Constant(name) as string;

        public int? Int(string name) => Constant(name) is int value ? value : null;

        /// <summary>A reference to another topology field, as that field's key.</summary>
        public string? Reference(string name)
        {
            if (!arguments.TryGetValue(name, out var value) || value is IInvalidOperation)
            {
                return null;
            }

            if (value is IFieldReferenceOperation { Field: { } target } && TopologyFields.IsDiscoverable(target))
            {
                return KeyOf(target);
            }

            // Inline records and non-discoverable fields are LEF0014, reported by the analyzer's own actions on them.
            if (value is IObjectCreationOperation || value is IFieldReferenceOperation { Field: { } other } && reader.dsl.IsTopologyRecord(other.Type))
            {
                return null;
            }

            Report(Sites[name], name + " of " + Field + " must reference a " + value.Type?.Name
                + " declared as a static readonly field of a static class (found '" + value.Syntax + "')");
            return null;
        }

        /// <summary>A list of constants (<c>["10.0.0.0/8", "any"]</c>); null, and reported, unless written out in place.</summary>
        public IReadOnlyList<string?>? StringList(string name)
        {
            if (!listLengths.TryGetValue(name, out var count))
            {
                NotAList(name, nullMeansOmitted: false);
                return null;
            }

            return Enumerable.Range(0, count).Select(i => String(ElementName(name, i))).ToList();
        }

        /// <summary>A list of topology field references; null when omitted or null (the parameter's default).</summary>
        public IReadOnlyList<string?>? ReferenceList(string name)
        {
            if (!listLengths.TryGetValue(name, out var count))
            {
                NotAList(name, nullMeansOmitted: true);
                return null;
            }

            return Enumerable.Range(0, count).Select(i => Reference(ElementName(name, i))).ToList();
        }

        public static string BackendInline(string name, string field) =>
            name + " of " + field + " must be written in place as new Backend(Host: ..., Port: ...), so its host and port can be checked";

        public void Report(SourceSite where, string message) =>
            reader.violations.Add(new Violation(RuleIds.UnevaluableValue, Key, where, message, []));

        /// <summary>The expression as written: parentheses and a trailing ! produce no operation, but the emitter's sites include them.</summary>
        private static SyntaxNode WrittenAs(SyntaxNode node)
        {
            while (node.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                node = node.Parent;
            }

            return node;
        }

        private static string ElementName(string list, int index) => list + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

        private static ImmutableArray<IOperation>? Elements(IOperation value) => value switch
        {
            ICollectionExpressionOperation collection => collection.Elements,
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            _ => null,
        };

        private void NotAList(string name, bool nullMeansOmitted)
        {
            if (!arguments.TryGetValue(name, out var value) || value is IInvalidOperation)
            {
                return;
            }

            if (value.ConstantValue is { HasValue: true, Value: null })
            {
                if (!nullMeansOmitted)
                {
                    Report(Sites[name], name + " of " + Field + " must be a list written out in place, e.g. [\"10.0.0.0/8\"], not null");
                }

                return;
            }

            Report(Sites[name], name + " of " + Field + " must be a list written out in place, e.g. [a, b], so it can be checked (found '" + value.Syntax + "')");
        }

        private object? Constant(string name)
        {
            if (!arguments.TryGetValue(name, out var value) || value is IInvalidOperation)
            {
                return null;
            }

            if (value.ConstantValue is { HasValue: true, Value: not null } constant)
            {
                return constant.Value;
            }

            Report(Sites[name], name + " of " + Field + " must be a literal, a const or a topology field"
                + (value.ConstantValue.HasValue ? ", not null" : " (found '" + value.Syntax + "', which is only known at run time)"));
            return null;
        }
    }
}
