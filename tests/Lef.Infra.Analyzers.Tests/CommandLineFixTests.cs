extern alias analyzers;

using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The fixes without an IDE, as the README tells csharp-ls users and scripts: the real <c>dotnet format analyzers</c> on a copy
/// of the shipped Topology with its committed address map, after a user gave Vips.Crm the address of Vips.Erp.
/// </summary>
public sealed class CommandLineFixTests
{
    [Fact]
    public async Task Dotnet_format_moves_the_edited_vip_back_and_leaves_the_deployed_one_where_it_is()
    {
        var directory = Directory.CreateTempSubdirectory("lef-format-").FullName;
        try
        {
            var vips = Copy(directory).Replace("Address: \"10.20.0.102\"", "Address: \"10.20.0.101\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, "Vips.cs"), vips);

            var result = await Dotnet(directory, "format", "analyzers", Path.Combine(directory, "Topology.csproj"), "--diagnostics", "LEF0001", "--severity", "error");

            var fixedVips = File.ReadAllText(Path.Combine(directory, "Vips.cs"));
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("Vip Erp = new(Pool: Pools.ProxyCore, Address: \"10.20.0.101\", Alias: 1);", fixedVips, StringComparison.Ordinal);
            Assert.Contains("Vip Crm = new(Pool: Pools.ProxyCore, Address: \"10.20.0.102\", Alias: 2);", fixedVips, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Topology, "Vips.cs")), fixedVips);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_address_map_dotnet_format_falls_back_to_name_order()
    {
        var directory = Directory.CreateTempSubdirectory("lef-format-").FullName;
        try
        {
            var vips = Copy(directory).Replace("Address: \"10.20.0.102\"", "Address: \"10.20.0.101\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, "Vips.cs"), vips);
            File.Delete(Path.Combine(directory, "deploy", "docs", "core-lan-address-map.json"));

            var result = await Dotnet(directory, "format", "analyzers", Path.Combine(directory, "Topology.csproj"), "--diagnostics", "LEF0001", "--severity", "error");

            var fixedVips = File.ReadAllText(Path.Combine(directory, "Vips.cs"));
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("Vip Crm = new(Pool: Pools.ProxyCore, Address: \"10.20.0.101\", Alias: 2);", fixedVips, StringComparison.Ordinal);
            Assert.Contains("Vip Erp = new(Pool: Pools.ProxyCore, Address: \"10.20.0.100\", Alias: 1);", fixedVips, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The shipped Topology's sources and address map in a project of its own; returns Vips.cs.</summary>
    private static string Copy(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Topology, "*.cs"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(directory, "deploy", "docs"));
        File.Copy(Path.Combine(RepoPaths.Root, "deploy", "docs", "core-lan-address-map.json"), Path.Combine(directory, "deploy", "docs", "core-lan-address-map.json"));
        File.WriteAllText(Path.Combine(directory, "Topology.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Lef.Infra.Dsl" HintPath="{typeof(Lef.Infra.Dsl.Vip).Assembly.Location}" />
                <Analyzer Include="{typeof(analyzers::Lef.Infra.Analyzers.TopologyAnalyzer).Assembly.Location}" />
                <Analyzer Include="{typeof(analyzers::Lef.Infra.Analyzers.CodeFixes.NextFreeValueFixer).Assembly.Location}" />
                <AdditionalFiles Include="deploy/docs/core-lan-address-map.json" Condition="Exists('deploy/docs/core-lan-address-map.json')" />
              </ItemGroup>
            </Project>
            """);
        return File.ReadAllText(Path.Combine(directory, "Vips.cs"));
    }

    private static async Task<ToolResult> Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the child at this test run's SDK resolver state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
