using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// Reads one file: its topology fields into declarations, and everything that would make the deployed topology differ from
/// what is written (a record the reader cannot find, code that runs) into violations.
/// </summary>
internal sealed class TreeReader
{
    private const string ModuleInitializer = "System.Runtime.CompilerServices.ModuleInitializerAttribute";

    private readonly DslSymbols dsl;
    private readonly SemanticModel model;
    private readonly TreeSites sites;
    private readonly bool plain;
    private readonly CancellationToken cancellationToken;
    private readonly List<Declaration> declarations = [];
    private readonly List<Violation> violations = [];
    private readonly HashSet<SyntaxTree> constantSources = [];
    private readonly List<TextSpan> unproven = [];
    private readonly List<(string Key, string Record)> trusted = [];
    private readonly List<(string Key, string Record)> named = [];
    private readonly Dictionary<string, Argument> arguments = new(16);
    private readonly List<ArgumentSites.Span> spans = new(16);

    private TreeReader(Compilation compilation, SyntaxTree tree, DslSymbols dsl, bool plain, CancellationToken cancellationToken)
    {
        this.dsl = dsl;
        this.plain = plain;
        this.cancellationToken = cancellationToken;
        model = compilation.GetSemanticModel(tree);
        sites = new TreeSites(tree);
    }

    public static TreeReading Read(Compilation compilation, SyntaxTree tree, DslSymbols dsl, long shape, bool plain, CancellationToken cancellationToken)
    {
        var reader = new TreeReader(compilation, tree, dsl, plain, cancellationToken);
        var root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        reader.ReadMembers(root.Members);
        reader.CheckDirectives(root);
        reader.constantSources.Remove(tree);
        return new TreeReading(
            shape, reader.declarations.OrderBy(d => d.Key, System.StringComparer.Ordinal).ToArray(), reader.violations, reader.constantSources.ToArray(), reader.unproven, reader.trusted, reader.named);
    }

    /// <summary>
    /// LEF0008 for conditional compilation: which fields exist would depend on the build's symbols, and the emitter compiles
    /// with its own (TRACE, NET10_0), so it could deploy other fields than the IDE checked.
    /// </summary>
    private void CheckDirectives(CompilationUnitSyntax root)
    {
        if (!root.ContainsDirectives)
        {
            return;
        }

        static bool Conditional(DirectiveTriviaSyntax d) => d is IfDirectiveTriviaSyntax or ElifDirectiveTriviaSyntax or DefineDirectiveTriviaSyntax or UndefDirectiveTriviaSyntax;
        for (var directive = root.GetFirstDirective(Conditional); directive is not null; directive = directive.GetNextDirective(Conditional))
        {
            var written = directive.ToString().Trim();
            Report(string.Empty, new SourceSite(sites.Path, directive.SpanStart, written.Length, sites), written
                + " makes what is declared depend on the build's symbols, and the emitter builds with its own; declare the estate without conditional compilation");
        }
    }

    private void ReadMembers(SyntaxList<MemberDeclarationSyntax> members)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax space:
                    ReadMembers(space.Members);
                    break;
                case TypeDeclarationSyntax type:
                    ReadType(type);
                    break;
                case EnumDeclarationSyntax or DelegateDeclarationSyntax:
                    break;
                default:
                    unproven.Add(member.Span);
                    CheckCreations(member, string.Empty, isRecordField: false);
                    break;
            }
        }
    }

    private void ReadType(TypeDeclarationSyntax type)
    {
        var scope = new ScopeNames(model, type);
        if (scope.Type is not { } symbol)
        {
            return;
        }

        var typeKey = TopologyReader.TypeKeyOf(symbol);
        foreach (var member in type.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case FieldDeclarationSyntax field:
                    ReadField(field, scope, symbol, typeKey);
                    break;
                case TypeDeclarationSyntax nested:
                    ReadType(nested);
                    break;
                case EnumDeclarationSyntax or DelegateDeclarationSyntax:
                    break;
                default:
                    CheckCode(member, symbol, typeKey);
                    break;
            }
        }
    }

    /// <summary>Code in a class: the records it creates are LEF0014; a static constructor or module initializer that could change topology fields is LEF0008.</summary>
    private void CheckCode(MemberDeclarationSyntax member, INamedTypeSymbol type, string typeKey)
    {
        unproven.Add(member.Span);
        CheckCreations(member, typeKey, isRecordField: false);
        if (member is ConstructorDeclarationSyntax { Identifier: var name } constructor && constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
            && type.GetMembers().Any(m => m is IFieldSymbol field && dsl.IsTopologyRecord(field.Type)))
        {
            Report(typeKey, sites.Of(name), type.Name + " has a static constructor, which runs after the field initializers and could change its topology fields; "
                + "the emitter deploys what the initializers say, so write every value there");
        }

        if (member is MethodDeclarationSyntax { AttributeLists.Count: > 0 } method
            && method.AttributeLists.SelectMany(list => list.Attributes).Any(a => model.GetSymbolInfo(a, cancellationToken).Symbol?.ContainingType?.ToDisplayString() == ModuleInitializer))
        {
            Report(typeKey, sites.Of(method.Identifier), type.Name + "." + method.Identifier.ValueText + " is a module initializer, which runs before any topology field is read and could change it; "
                + "Topology holds declarations only");
        }
    }

    private void ReadField(FieldDeclarationSyntax field, ScopeNames scope, INamedTypeSymbol type, string typeKey)
    {
        var recordType = scope.TypeOf(field.Declaration.Type);
        if (!dsl.IsTopologyRecord(recordType))
        {
            // A constant's value is the compiler's declaration work, reported with the declarations: no body to compile.
            if (!field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                unproven.Add(field.Span);
            }

            CheckCreations(field, typeKey, isRecordField: false);
            return;
        }

        var why = TopologyFields.Why(field.Modifiers.Any(SyntaxKind.StaticKeyword), field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword), type);
        var fieldPrefix = TopologyReader.FieldNameOf(type);
        var nameable = (field.Modifiers.Any(SyntaxKind.PublicKeyword) || field.Modifiers.Any(SyntaxKind.InternalKeyword))
            && !field.Modifiers.Any(SyntaxKind.ProtectedKeyword) && !field.Modifiers.Any(SyntaxKind.PrivateKeyword) && IsNameable(type);
        var creations = scope.Creations ??= new CreationReader(model.Compilation, dsl, scope, sites, constantSources);
        foreach (var variable in field.Declaration.Variables)
        {
            var name = variable.Identifier.ValueText;
            var key = typeKey + "." + name;
            if (why is not null)
            {
                violations.Add(TopologyFields.Field(key, sites.Of(variable.Identifier), type.Name, name, why));
                unproven.Add(variable.Span);
                CheckCreations(variable, key, isRecordField: true);
                continue;
            }

            arguments.Clear();
            spans.Clear();
            var values = new DeclarationValues(key, fieldPrefix + "." + name, sites.Of(variable.Identifier), sites, dsl, violations, arguments, spans, trusted);
            if (nameable)
            {
                named.Add((key, recordType!.Name));
            }

            if (plain && variable.Initializer?.Value is BaseObjectCreationExpressionSyntax creation && Creates(creation, recordType!, scope)
                && creations.TryReadSyntax(creation, dsl.ConstructorsOf(recordType!), values))
            {
                Add(recordType!, values);
                continue;
            }

            values.Clear();
            unproven.Add(variable.Span);
            ReadOperation(variable, recordType!, values, creations);
            CheckCreations(variable, key, isRecordField: true);
        }
    }

    /// <summary>A type any class of the assembly may name: every enclosing type public or internal.</summary>
    private static bool IsNameable(INamedTypeSymbol type)
    {
        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            if (outer.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The binder's reading of a field whose initializer is not written the plain way.</summary>
    private void ReadOperation(VariableDeclaratorSyntax variable, ITypeSymbol recordType, DeclarationValues values, CreationReader creations)
    {
        var operation = variable.Initializer is { } initializer ? model.GetOperation(initializer.Value, cancellationToken) : null;
        if (operation is not null && Argument.Unwrap(operation) is IObjectCreationOperation creation)
        {
            creations.ReadOperation(creation, values, string.Empty);
            Add(recordType, values);
        }
        else if (operation is not IInvalidOperation)
        {
            values.Report(values.Site, values.Field + " must be initialized with new " + recordType.Name + "(...) written out in place, so it can be checked");
        }
    }

    private bool Creates(BaseObjectCreationExpressionSyntax creation, ITypeSymbol recordType, ScopeNames scope) =>
        creation is ImplicitObjectCreationExpressionSyntax
        || (creation is ObjectCreationExpressionSyntax { Type: var written } && SymbolEqualityComparer.Default.Equals(scope.TypeOf(written), recordType));

    /// <summary>
    /// LEF0014 for every record created under <paramref name="node"/> but as a record field's own initializer; LEF0008 for
    /// every write to a topology field there (another field's initializer may assign one, as a static constructor may).
    /// </summary>
    private void CheckCreations(SyntaxNode node, string ownerKey, bool isRecordField)
    {
        foreach (var child in node.DescendantNodesAndSelf())
        {
            if (child is BaseObjectCreationExpressionSyntax creation && model.GetTypeInfo(creation, cancellationToken).Type is { } type && dsl.IsTopologyRecord(type)
                && TopologyFields.Creation(ownerKey, creation, type.Name, _ => isRecordField) is { } violation)
            {
                violations.Add(violation);
            }
            else if (Written(child) is { } target && child.FirstAncestorOrSelf<ConstructorDeclarationSyntax>()?.Modifiers.Any(SyntaxKind.StaticKeyword) != true
                && model.GetSymbolInfo(target, cancellationToken).Symbol is IFieldSymbol field && dsl.IsTopologyRecord(field.Type))
            {
                Report(ownerKey, sites.Of(target), target + " is a topology field, written here after its initializer; the emitter deploys what the initializer says, so write every value there");
            }
        }
    }

    /// <summary>What a node writes: an assignment's target, each of a deconstruction's, a ref or out argument, a ref.</summary>
    private static ExpressionSyntax? Written(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax { Left: not TupleExpressionSyntax } assignment => assignment.Left,
        ArgumentSyntax { Parent: TupleExpressionSyntax tuple } argument when IsDeconstructed(tuple) => argument.Expression,
        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
        RefExpressionSyntax reference => reference.Expression,
        _ => null,
    };

    private static bool IsDeconstructed(TupleExpressionSyntax tuple) =>
        tuple.Parent is AssignmentExpressionSyntax assignment ? assignment.Left == tuple : tuple.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax outer } && IsDeconstructed(outer);

    private void Report(string ownerKey, SourceSite site, string message) =>
        violations.Add(new Violation(RuleIds.UnevaluableValue, ownerKey, site, message, []));

    /// <summary>The model's declaration for a field of a record type.</summary>
    private void Add(ITypeSymbol type, DeclarationValues declaration) => declarations.Add(dsl.Declare(type, declaration));
}
