using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Reads topology declarations from source into the plain model: every static readonly field of a static class whose type
/// is a DSL record, evaluated from its initializer's operation tree. What it cannot evaluate is reported (LEF0008), not skipped.
/// </summary>
internal sealed class TopologySourceReader
{
    private readonly Compilation compilation;
    private readonly DslSymbols dsl;
    private readonly CancellationToken cancellationToken;
    private readonly List<PoolDeclaration> pools = [];
    private readonly List<VipDeclaration> vips = [];
    private readonly List<EndpointDeclaration> endpoints = [];
    private readonly List<ViewDeclaration> views = [];
    private readonly List<Violation> violations = [];

    private TopologySourceReader(Compilation compilation, DslSymbols dsl, CancellationToken cancellationToken)
    {
        this.compilation = compilation;
        this.dsl = dsl;
        this.cancellationToken = cancellationToken;
    }

    public static (TopologyModel Model, IReadOnlyList<Violation> Violations) Read(
        Compilation compilation, DslSymbols dsl, CancellationToken cancellationToken)
    {
        var reader = new TopologySourceReader(compilation, dsl, cancellationToken);
        foreach (var tree in compilation.SyntaxTrees)
        {
            reader.ReadTree(tree);
        }

        return (new TopologyModel(reader.pools, reader.vips, reader.endpoints, reader.views), reader.violations);
    }

    /// <summary>The field's full name, <c>Topology.Vips.Erp</c>; the emitter's reader builds the same from reflection.</summary>
    public static string KeyOf(IFieldSymbol field) =>
        field.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None))
        + "." + field.Name;

    private static string FieldNameOf(IFieldSymbol field)
    {
        var names = new List<string> { field.Name };
        for (var type = field.ContainingType; type is not null; type = type.ContainingType)
        {
            names.Insert(0, type.Name);
        }

        return string.Join(".", names);
    }

    private void ReadTree(SyntaxTree tree)
    {
        var root = tree.GetRoot(cancellationToken);
        SemanticModel? semanticModel = null;
        foreach (var field in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                     .OfType<FieldDeclarationSyntax>())
        {
            // Cheap syntactic filter first: only static fields can be topology declarations, so only they are bound.
            if (!field.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                continue;
            }

#pragma warning disable RS1030 // The index spans every file of the compilation; an IDE analysing one open document still needs the others.
            semanticModel ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var variable in field.Declaration.Variables)
            {
                if (semanticModel.GetDeclaredSymbol(variable, cancellationToken) is IFieldSymbol symbol
                    && TopologyFields.IsDiscoverable(symbol)
                    && dsl.IsTopologyRecord(symbol.Type))
                {
                    ReadDeclaration(symbol, variable, semanticModel);
                }
            }
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
        if (SymbolEqualityComparer.Default.Equals(symbol.Type, dsl.Pool))
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
        else if (SymbolEqualityComparer.Default.Equals(symbol.Type, dsl.Vip))
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
        else if (SymbolEqualityComparer.Default.Equals(symbol.Type, dsl.View))
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
    private sealed class Reading(TopologySourceReader reader, string key, string field, SourceSite site)
    {
        private readonly Dictionary<string, IOperation> arguments = [];
        private readonly Dictionary<string, int> listLengths = [];

        public string Key { get; } = key;

        public string Field { get; } = field;

        public SourceSite Site { get; } = site;

        public Dictionary<string, SourceSite> Sites { get; } = [];

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
