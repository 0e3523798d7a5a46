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
/// What a user sees: `dotnet build` of the shipped Topology plus one new file, with the analyzer loaded by the real SDK
/// (an analyzer built against a newer Roslyn would be skipped silently, CS9057, and these would pass nothing).
/// </summary>
public sealed class SdkBuildTests
{
    private const string Conflicts = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Conflicts
        {
            public static readonly Vip SameAsErp = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 20);
            public static readonly Vip OutsidePool = new(Pool: Pools.ProxyCore, Address: "10.20.0.250", Alias: 21);
            public static readonly Endpoint OnBillingPort = new(Name: "billing-reports", Vip: Vips.Billing, Port: 5432, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-reports-01.core.lef", Port: Ports.PostgreSql));
            public static readonly Endpoint UsesTheOthers = new(Name: "others", Vip: SameAsErp, Port: 6000, Engine: Engine.Tcp, Backend: new Backend(Host: "x.core.lef", Port: 6000));
            public static readonly Endpoint UsesTheOutside = new(Name: "outside", Vip: OutsidePool, Port: 6000, Engine: Engine.Tcp, Backend: new Backend(Host: "y.core.lef", Port: 6000));
        }
        """;

    private const string SharedVip = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class WarehouseReports
        {
            public static readonly Endpoint Pooler = new(Name: "warehouse", Vip: Vips.Warehouse, Port: 6432, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pgbouncer-wh-01.core.lef", Port: 6432));
        }
        """;

    [Fact]
    public async Task A_file_that_repeats_a_vip_leaves_its_pool_and_clashes_on_a_port_fails_the_build_in_both_files()
    {
        var result = await Build("Conflicts.cs", Conflicts);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("CS9057", result.Output);
        Assert.Matches(@"Conflicts\.cs\(5,\d+\): error LEF0001", result.Output);
        Assert.Matches(@"Vips\.cs\(\d+,\d+\): error LEF0001: VIP 10\.20\.0\.101 of Vips\.Erp is also declared by Conflicts\.SameAsErp \(Conflicts\.cs:5\)", result.Output);
        Assert.Matches(@"Conflicts\.cs\(6,\d+\): error LEF0002", result.Output);
        Assert.Matches(@"Conflicts\.cs\(7,\d+\): error LEF0003", result.Output);
        Assert.Matches(@"Endpoints\.cs\(\d+,\d+\): error LEF0003: endpoint Endpoints\.Billing listens on 10\.20\.0\.103:5432, which Conflicts\.OnBillingPort \(Conflicts\.cs:7\) also listens on", result.Output);
    }

    [Fact]
    public async Task A_valid_endpoint_on_a_shared_vip_and_another_port_builds_clean()
    {
        var result = await Build("WarehouseReports.cs", SharedVip);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("LEF0", result.Output);
        Assert.DoesNotContain("CS9057", result.Output);
    }

    private static async Task<ToolResult> Build(string fileName, string source)
    {
        var directory = Directory.CreateTempSubdirectory("lef-sdk-build-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Topology, "*.cs"))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }

            File.WriteAllText(Path.Combine(directory, fileName), source);
            File.WriteAllText(Path.Combine(directory, "Topology.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="Lef.Infra.Dsl" HintPath="{typeof(Lef.Infra.Dsl.Vip).Assembly.Location}" />
                    <Analyzer Include="{typeof(analyzers::Lef.Infra.Analyzers.TopologyAnalyzer).Assembly.Location}" />
                  </ItemGroup>
                </Project>
                """);

            // No compiler server: it would keep whichever analyzer build it loaded first.
            var start = new ProcessStartInfo("dotnet", ["build", "-nologo", "-p:UseSharedCompilation=false", "-clp:NoSummary", directory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
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
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
