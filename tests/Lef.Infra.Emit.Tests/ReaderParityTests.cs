extern alias analyzers;

using System;
using System.IO;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using AnalyzerModelDump = analyzers::Lef.Infra.Dsl.Model.ModelDump;
using AnalyzerSymbols = analyzers::Lef.Infra.Analyzers.DslSymbols;
using SourceReader = analyzers::Lef.Infra.Analyzers.TopologySourceReader;

namespace Lef.Infra.Emit.Tests;

/// <summary>One set of rules, two readers: both must see the same shipped Topology, value for value and site for site.</summary>
public sealed class ReaderParityTests
{
    [Fact]
    public void The_analyzer_and_the_emitter_read_the_same_model_from_the_shipped_topology()
    {
        var fromSource = ReadWithAnalyzer(RepoPaths.Topology, out var analyzerViolations);
        var loaded = TopologyLoader.Load(
            TopologyLoader.LoadAssembly(null), SourceSites.Scan(RepoPaths.Topology, RepoPaths.Root, "Topology.dll"));
        var fromAssembly = ModelDump.Write(loaded.Model, withArgumentSites: true);

        Assert.Equal(fromSource, fromAssembly);
        Assert.Equal(0, analyzerViolations);
        Assert.Empty(loaded.Violations);

        // Not vacuous: the shipped topology has pools, VIPs and endpoints, each with its arguments' sites.
        Assert.Contains("endpoint name=erp", fromAssembly);
        Assert.Contains("Topology.Endpoints.Erp.Backend.Host @ Endpoints.cs:", fromAssembly);
        Assert.Contains("Topology.Vips.Erp.Address @ Vips.cs:", fromAssembly);

        // And DNS views: each view, its match-clients entries, and an endpoint that lists its views, element by element.
        Assert.Contains(": view name=internal kind=Internal match-clients=[10.0.0.0/8]", fromAssembly);
        Assert.Contains(": view name=external kind=External match-clients=[any]", fromAssembly);
        Assert.Contains("Topology.DnsViews.Internal.MatchClients[0] @ DnsViews.cs:", fromAssembly);
        Assert.Contains("endpoint name=hr vip=Topology.Vips.Hr port=1433 engine=SqlServer backend=10.20.1.35:1433 views=[Topology.DnsViews.Internal]", fromAssembly);
        Assert.Contains("endpoint name=erp vip=Topology.Vips.Erp port=1433 engine=SqlServer backend=sql-erp-01.core.lef:1433 views=(internal)", fromAssembly);
        Assert.Contains("Topology.Endpoints.Hr.Views[0] @ Endpoints.cs:", fromAssembly);
    }

    [Fact]
    public void The_analyzer_and_the_emitter_read_the_same_model_from_the_test_topology()
    {
        // Positional arguments, new[] { ... } lists and a view listed by one endpoint only: shapes the shipped topology lacks.
        var fromSource = ReadWithAnalyzer(Emitter.TestTopologySources, out var analyzerViolations);
        var loaded = TopologyLoader.Load(
            TopologyLoader.LoadAssembly(Emitter.TestTopologyAssembly), SourceSites.Scan(Emitter.TestTopologySources, RepoPaths.Root, "TestTopology.dll"));
        var fromAssembly = ModelDump.Write(loaded.Model, withArgumentSites: true);

        Assert.Equal(fromSource, fromAssembly);
        Assert.Equal(0, analyzerViolations);
        Assert.Empty(loaded.Violations);
        Assert.Contains(": view name=backup kind=Internal match-clients=[10.21.0.0/16]", fromAssembly);
        Assert.Contains("TestTopology.DnsViews.Backup.MatchClients[0] @ DnsViews.cs:", fromAssembly);
        Assert.Contains("TestTopology.Endpoints.Gamma.Views[0] @ Endpoints.cs:", fromAssembly);
        Assert.Contains("views=[TestTopology.DnsViews.Internal,TestTopology.DnsViews.External]", fromAssembly);
    }

    private static string ReadWithAnalyzer(string directory, out int violations)
    {
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), f))
            .ToList();
        var compilation = CSharpCompilation.Create("Topology", trees, FrameworkReferences.WithDsl, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var (model, readerViolations) = SourceReader.Read(compilation, AnalyzerSymbols.TryCreate(compilation)!, CancellationToken.None);
        violations = readerViolations.Count;
        return AnalyzerModelDump.Write(model, withArgumentSites: true);
    }
}
