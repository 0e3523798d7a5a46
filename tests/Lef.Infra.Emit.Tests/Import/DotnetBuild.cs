using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// Builds a folder of Topology C# the way a user does: `dotnet build` of a project referencing Lef.Infra.Dsl and the
/// analyzer. What it prints is what the user sees; the diagnostics are parsed from it.
/// </summary>
internal static partial class DotnetBuild
{
    public static (ToolResult Result, IReadOnlyList<TopologyDiagnostic> Diagnostics) Run(string directory)
    {
        var bin = AppContext.BaseDirectory;
        var dsl = Path.Combine(bin, "Lef.Infra.Dsl.dll");
        var analyzer = Path.Combine(bin, "Lef.Infra.Analyzers.dll");
        Assert.True(File.Exists(analyzer), analyzer + " is missing");
        File.WriteAllText(Path.Combine(directory, "Imported.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <!-- Warnings stay warnings here so the test sees each rule with its own severity. -->
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Lef.Infra.Dsl" HintPath="{dsl}" />
                <Analyzer Include="{analyzer}" />
              </ItemGroup>
            </Project>
            """);

        // No build server or node reuse: nothing outlives the test, and no compiler server keeps an older analyzer loaded.
        var result = Tool.Run("dotnet", "build", Path.Combine(directory, "Imported.csproj"), "-nologo", "-clp:NoSummary", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        var diagnostics = result.StandardOutput.Split('\n')
            .Select(l => DiagnosticLine().Match(l))
            .Where(m => m.Success)
            .Select(m => new TopologyDiagnostic(m.Groups["id"].Value, m.Groups["severity"].Value, Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["message"].Value))
            .Distinct()
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        return (result, diagnostics);
    }

    [GeneratedRegex(@"^\s*(?<file>[^(]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<id>[A-Z]+\d+): (?<message>.*) \[[^\]]*\]\s*$")]
    private static partial Regex DiagnosticLine();
}
