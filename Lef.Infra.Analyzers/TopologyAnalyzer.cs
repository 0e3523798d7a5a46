using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Reports every LEF rule while the user types. The rules run once per compilation over an index of all files; each
/// diagnostic is reported from the symbol action of the field it belongs to, so it is a local diagnostic the IDE shows live.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TopologyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslSymbols.TryCreate(start.Compilation) is not { } dsl)
            {
                return;
            }

            var index = new TopologyIndex(start.Compilation, dsl);
            start.RegisterSymbolAction(index.ReportOn, SymbolKind.Field);
            start.RegisterSymbolAction(c => TopologyFields.CheckField(c, dsl), SymbolKind.Field);
            start.RegisterOperationAction(c => TopologyFields.CheckCreation(c, dsl), OperationKind.ObjectCreation);
        });
    }
}
