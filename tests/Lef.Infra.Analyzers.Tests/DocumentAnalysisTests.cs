using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// What an IDE shows while the user types: one open document analysed on its own, compilation after compilation. The
/// analyzer keeps what it read from unchanged files between compilations; these prove a conflict with another file is
/// still seen, and that nothing kept goes stale when that other file, or a const it uses, changes.
/// </summary>
public sealed class DocumentAnalysisTests
{
    private const string Pools = "/src/Pools.cs";
    private const string Vips = "/src/Vips.cs";
    private const string Crm = "/src/Crm.cs";
    private const string Shared = "/src/Shared.cs";
    private const string Endpoints = "/src/Endpoints.cs";

    [Fact]
    public async Task ShouldReportDiagnostic_in_a_document_analysed_alone_for_a_conflict_with_another_file()
    {
        var compilation = Analysis.Compile(
            (Pools, Verify.Pools),
            (Vips, Vip("Vips", "Erp", "\"10.20.0.101\"", 1)),
            (Crm, Vip("CrmVips", "Crm", "\"10.20.0.101\"", 2)));

        var diagnostics = Conflicts(await Analysis.DocumentAsync(compilation, Vips));

        var only = Assert.Single(diagnostics);
        Assert.StartsWith("LEF0001 Vips.cs(5,", only);
        Assert.Contains("[Crm.cs(5,", only);
    }

    [Fact]
    public async Task ShouldReportDiagnostic_when_another_file_is_edited_into_a_conflict_and_not_after_it_is_edited_back()
    {
        var compilation = (Compilation)Analysis.Compile(
            (Pools, Verify.Pools),
            (Vips, Vip("Vips", "Erp", "\"10.20.0.101\"", 1)),
            (Crm, Vip("CrmVips", "Crm", "\"10.20.0.102\"", 2)));
        Assert.Empty(Conflicts(await Analysis.DocumentAsync(compilation, Vips)));

        compilation = Analysis.Edit(compilation, Crm, "10.20.0.102", "10.20.0.101");
        Assert.Single(Conflicts(await Analysis.DocumentAsync(compilation, Vips)), d => d.StartsWith("LEF0001 Vips.cs(5,", StringComparison.Ordinal));

        compilation = Analysis.Edit(compilation, Crm, "10.20.0.101", "10.20.0.103");
        Assert.Empty(Conflicts(await Analysis.DocumentAsync(compilation, Vips)));
    }

    [Fact]
    public async Task ShouldReportDiagnostic_when_a_const_in_another_file_changes_into_a_conflict()
    {
        var compilation = (Compilation)Analysis.Compile(
            (Pools, Verify.Pools),
            (Shared, "namespace Topology;\npublic static class Addresses\n{\n    public const string Erp = \"10.20.0.101\";\n}\n"),
            (Vips, Vip("Vips", "Erp", "Addresses.Erp", 1)),
            (Crm, Vip("CrmVips", "Crm", "\"10.20.0.102\"", 2)));
        Assert.Empty(Conflicts(await Analysis.DocumentAsync(compilation, Vips)));

        compilation = Analysis.Edit(compilation, Shared, "10.20.0.101", "10.20.0.102");

        Assert.Single(Conflicts(await Analysis.DocumentAsync(compilation, Vips)), d => d.StartsWith("LEF0001 Vips.cs(5,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldReportDiagnostic_when_the_VIP_an_endpoint_references_moves_into_a_port_clash()
    {
        var compilation = (Compilation)Analysis.Compile(
            (Pools, Verify.Pools),
            (Vips, Verify.File("Vips.cs", "Vips", Field("Vip", "Erp", "new(Pools.Core, \"10.20.0.101\", 1)"), Field("Vip", "Crm", "new(Pools.Core, \"10.20.0.102\", 2)")).Source),
            (Endpoints, Verify.File(
                "Endpoints.cs",
                "Endpoints",
                Field("Endpoint", "Erp", "new(\"erp\", Vips.Erp, Ports.SqlServer, Engine.SqlServer, new Backend(\"10.30.0.1\", Ports.SqlServer))"),
                Field("Endpoint", "Crm", "new(\"crm\", Vips.Crm, Ports.SqlServer, Engine.SqlServer, new Backend(\"10.30.0.2\", Ports.SqlServer))")).Source));
        Assert.Empty(await Analysis.DocumentAsync(compilation, Endpoints));

        // Only Vips.cs changes: Endpoints.cs is the same tree, and its endpoints must now clash on 10.20.0.101:1433.
        compilation = Analysis.Edit(compilation, Vips, "10.20.0.102", "10.20.0.101");

        var diagnostics = await Analysis.DocumentAsync(compilation, Endpoints);
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.StartsWith("LEF0003 Endpoints.cs(", d));
    }

    [Fact]
    public async Task Every_analysis_after_an_edit_equals_the_analysis_of_the_same_sources_parsed_anew()
    {
        var compilation = (Compilation)Analysis.Compile(
            (Pools, Verify.Pools),
            (Shared, "namespace Topology;\npublic static class Addresses\n{\n    public const string Erp = \"10.20.0.101\";\n}\n"),
            (Vips, Verify.File("Vips.cs", "Vips", Field("Vip", "Erp", "new(Pools.Core, Addresses.Erp, 1)"), Field("Vip", "Crm", "new(Pools.Core, \"10.20.0.102\", 2)")).Source),
            (Endpoints, Verify.File(
                "Endpoints.cs",
                "Endpoints",
                Field("Endpoint", "Erp", "new(\"erp\", Vips.Erp, Ports.SqlServer, Engine.SqlServer, new Backend(\"10.30.0.1\", Ports.SqlServer))"),
                Field("Endpoint", "Crm", "new(\"crm\", Vips.Crm, Ports.SqlServer, Engine.SqlServer, new Backend(\"10.30.0.2\", Ports.SqlServer))")).Source));
        (string Path, string From, string To)[] edits =
        [
            (Vips, "10.20.0.102", "10.20.0.101"), // LEF0001 in Vips.cs, LEF0003 in Endpoints.cs
            (Shared, "10.20.0.101", "10.20.0.150"), // the const moves away: both gone
            (Vips, "Vip Crm", "Vip Crm2"), // Endpoints.cs now references a field that does not exist
            (Vips, "Vip Crm2", "Vip Crm"), // and back
            (Vips, "public static readonly Vip Crm", "public static Vip Crm"), // not readonly: no longer a topology declaration
            (Pools, "10.20.0.199", "10.20.0.140"), // the pool shrinks: Addresses.Erp (.150) falls outside it
            (Shared, "namespace Topology;", "namespace Topology;\nusing Lef.Infra.Dsl;\npublic static class Extra\n{\n    public static readonly Vip Erp = new(Pools.Core, \"10.20.0.130\", 3);\n}\n"),
            (Endpoints, "\"crm\"", "\"crm-2\""),
        ];

        Assert.Empty(await Analysis.AllAsync(compilation));
        foreach (var (path, from, to) in edits)
        {
            compilation = Analysis.Edit(compilation, path, from, to);
            var fresh = Analysis.Fresh(compilation);
            Assert.Equal(await Analysis.AllAsync(fresh), await Analysis.AllAsync(compilation));
            Assert.Equal(await Analysis.DocumentAsync(fresh, Endpoints), await Analysis.DocumentAsync(compilation, Endpoints));
        }

        // Not vacuous: the edits did produce diagnostics along the way, and the last state has the shrunk pool's LEF0002.
        Assert.Contains(await Analysis.AllAsync(compilation), d => d.StartsWith("LEF0002 Vips.cs(", StringComparison.Ordinal));
    }

    /// <summary>These VIPs serve no endpoint, which is LEF0012's business, not these tests'.</summary>
    private static IReadOnlyList<string> Conflicts(IReadOnlyList<string> diagnostics) =>
        diagnostics.Where(d => !d.StartsWith("LEF0012 ", StringComparison.Ordinal)).ToList();

    private static string Vip(string className, string field, string address, int alias) =>
        Verify.File("x.cs", className, Field("Vip", field, "new(Pool: Pools.Core, Address: " + address + ", Alias: " + alias + ")")).Source;

    private static string Field(string type, string name, string initializer) => "public static readonly " + type + " " + name + " = " + initializer + ";";
}
