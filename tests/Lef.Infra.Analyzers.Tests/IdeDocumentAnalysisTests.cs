extern alias analyzers;

using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using analyzers::Lef.Infra.Analyzers;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>An IDE analyses the open document alone; the conflict with a declaration in a closed file must still show there.</summary>
public sealed class IdeDocumentAnalysisTests
{
    [Fact]
    public async Task Analysing_only_the_open_document_still_reports_the_conflict_with_another_file()
    {
        var pools = CSharpSyntaxTree.ParseText(Verify.Pools, path: "Pools.cs");
        var closed = CSharpSyntaxTree.ParseText(Verify.File("Vips.cs", "Vips", """public static readonly Vip Erp = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);""").Source, path: "Vips.cs");
        var open = CSharpSyntaxTree.ParseText(Verify.File("Crm.cs", "CrmVips", """public static readonly Vip Crm = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 2);""").Source, path: "Crm.cs");
        var compilation = CSharpCompilation.Create("Topology", [pools, closed, open], FrameworkReferences.WithDsl, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analysis = compilation.WithAnalyzers([new TopologyAnalyzer()]);

        var diagnostics = await analysis.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(open), filterSpan: null, CancellationToken.None);

        var duplicate = Assert.Single(diagnostics, d => d.Id == "LEF0001");
        Assert.Equal("Crm.cs", duplicate.Location.SourceTree!.FilePath);
        Assert.Equal("Vips.cs", Assert.Single(duplicate.AdditionalLocations).SourceTree!.FilePath);
        Assert.Contains("Vips.Erp (Vips.cs:5)", duplicate.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(diagnostics, d => Assert.Equal(open, d.Location.SourceTree));
    }
}
