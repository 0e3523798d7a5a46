using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Packaging.Tests;

/// <summary>What the repository and the estate template set for editors says what the README says.</summary>
public sealed class EditorSettingsTests
{
    [Theory]
    [InlineData(".editorconfig")]
    [InlineData("templates/lef-estate/.editorconfig")]
    public void Every_rule_has_its_severity_in_the_editorconfig_as_the_emitter_applies_it(string path)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, path));

        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains("dotnet_diagnostic." + rule.Id + ".severity = " + (rule.IsError ? "error" : "warning"), lines);
        }

        Assert.Equal(RuleCatalog.All.Count, lines.Count(l => l.StartsWith("dotnet_diagnostic.LEF", StringComparison.Ordinal)));
    }

    [Fact]
    public void Vs_code_analyses_the_whole_solution_restores_on_open_and_recommends_dev_kit()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".vscode", "settings.json")));
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".vscode", "extensions.json")));

        Assert.Equal("fullSolution", settings.RootElement.GetProperty("dotnet.backgroundAnalysis.analyzerDiagnosticsScope").GetString());
        Assert.Equal("fullSolution", settings.RootElement.GetProperty("dotnet.backgroundAnalysis.compilerDiagnosticsScope").GetString());
        Assert.True(settings.RootElement.GetProperty("dotnet.projects.enableAutomaticRestore").GetBoolean());
        Assert.Contains("ms-dotnettools.csdevkit", extensions.RootElement.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()));
    }
}
