using System.Collections.Immutable;
using Lef.Infra.Analyzers.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Reports every LEF rule while the user types. The rules run once per compilation over an index of all files, built when
/// the compilation starts; each file's diagnostics are reported from that file's semantic model action, so they are local
/// diagnostics the IDE shows live, and analysing one open document costs one callback, not one per field.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TopologyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        // Generated files are deployed like any other (the emitter reads every file), so their violations are shown too.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslSymbols.TryCreate(start.Compilation) is not { } dsl)
            {
                return;
            }

            var index = TopologyIndex.Build(start.Compilation, dsl, start.CancellationToken, DeployedEstateFile.Read(start.Options, start.CancellationToken));
            start.RegisterSemanticModelAction(index.ReportOn);
        });
    }
}
