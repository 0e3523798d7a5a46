using Lef.Infra.Dsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Where topology records may live: static readonly fields of static classes, which is all either reader looks at. Everything
/// else that creates or holds a pool, VIP or endpoint is LEF0014, reported locally here (no index needed).
/// </summary>
internal static class TopologyFields
{
    public static bool IsDiscoverable(IFieldSymbol field) =>
        field is { IsStatic: true, IsReadOnly: true, IsImplicitlyDeclared: false } && field.ContainingType is { IsStatic: true };

    /// <summary>A field of a record type that neither reader would find.</summary>
    public static void CheckField(SymbolAnalysisContext context, DslSymbols dsl)
    {
        if (context.Symbol is IFieldSymbol field && dsl.IsTopologyRecord(field.Type) && !IsDiscoverable(field) && !field.IsImplicitlyDeclared)
        {
            var why = !field.IsStatic ? "an instance field" : !field.IsReadOnly ? "not readonly" : "in a class that is not static";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UndiscoverableRecord,
                field.Locations[0],
                field.ContainingType.Name + "." + field.Name + " is " + why + ", so the emitter will not see it; " + UndiscoverableRecordRule.Requirement));
        }
    }

    /// <summary>A record created anywhere but as the initializer of a topology-typed field (that case is <see cref="CheckField"/>'s).</summary>
    public static void CheckCreation(OperationAnalysisContext context, DslSymbols dsl)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!dsl.IsTopologyRecord(creation.Type))
        {
            return;
        }

        var parent = creation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        if (parent is IFieldInitializerOperation initializer && initializer.InitializedFields.Length > 0 && dsl.IsTopologyRecord(initializer.InitializedFields[0].Type))
        {
            return;
        }

        var where = parent is IArgumentOperation ? "inline, as an argument" : "where no reader looks (" + Describe(creation.Syntax.Parent) + ")";
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UndiscoverableRecord,
            creation.Syntax.GetLocation(),
            "this " + creation.Type!.Name + " is created " + where + ", so the emitter will not see it; " + UndiscoverableRecordRule.Requirement
            + (parent is IArgumentOperation ? " and reference that field" : string.Empty)));
    }

    private static string Describe(SyntaxNode? node)
    {
        for (; node is not null; node = node.Parent)
        {
            switch (node.RawKind)
            {
                case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodDeclaration:
                case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.ConstructorDeclaration:
                case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.LocalFunctionStatement:
                    return "in a method";
                case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.PropertyDeclaration:
                    return "in a property";
                case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.FieldDeclaration:
                    return "in a field that is not of a topology type";
            }
        }

        return "outside a field";
    }
}
