using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Packaging.Tests;

/// <summary>
/// A new team's first hour, for real: dotnet pack into a folder feed, dotnet new lef-estate in a temporary folder, restore
/// from that feed alone (nuget.config with clear), a planted LEF0001 fails the build, and the lef tool writes deploy/ for
/// the template's estate, which haproxy -c accepts.
/// </summary>
public sealed class EstateTemplateTests(PackageFeed packed) : IClassFixture<PackageFeed>
{
    [Fact]
    public async Task A_repository_from_the_template_builds_on_the_packages_alone_and_its_tool_deploys_it()
    {
        using var work = new Scratch();
        var feed = packed.Folder;

        // Everything below sees the feed and nothing else: its own package folder, template hive and nuget.config.
        var isolated = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = work.Folder("packages"),
            ["DOTNET_CLI_HOME"] = work.Folder("home"),
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["UseSharedCompilation"] = "false",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        var hive = work.Folder("hive");
        File.WriteAllText(Path.Combine(work.Path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="lef" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // The README's three commands, the template found by its ID on the feed (the estate inherits the nuget.config above it).
        Succeeds(await Dotnet.RunAsync(work.Path, isolated, "new", "install", "Lef.Infra.Templates", "--debug:custom-hive", hive));
        Succeeds(await Dotnet.RunAsync(work.Path, isolated, "new", "lef-estate", "-o", "estate", "--debug:custom-hive", hive));
        var estate = Path.Combine(work.Path, "estate");

        // The template's CI script as the README runs it: tool restore, build, lef emit --check.
        var ci = await Dotnet.ScriptAsync(Path.Combine(estate, "ci.sh"), isolated);
        Assert.True(ci.ExitCode == 0, ci.Output);
        Assert.Contains("Build succeeded", ci.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS9057", ci.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("LEF0", ci.Output, StringComparison.Ordinal);
        Assert.Contains("deploy is up to date", ci.Output, StringComparison.Ordinal);

        Directory.Delete(Path.Combine(estate, "deploy"), recursive: true);
        Succeeds(await Dotnet.RunAsync(estate, isolated, "lef", "emit"));
        var config = Path.Combine(estate, "deploy", "hosts", "proxy.core.lef", "haproxy", "haproxy.cfg");
        var check = Tool.Run("haproxy", "-c", "-f", config);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("listen erp-1433", File.ReadAllText(config), StringComparison.Ordinal);

        // A stale deploy/ names the estate's own command, not this repository's project.
        File.AppendAllText(config, "# edited by hand\n");
        var stale = await Dotnet.RunAsync(estate, isolated, "lef", "emit", "--check");
        Assert.True(stale.ExitCode == 1, stale.Output);
        Assert.Contains("run `dotnet lef emit` and commit deploy/", stale.Output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(estate, "Topology", "Planted.cs"), Planted);
        var planted = await Dotnet.RunAsync(estate, isolated, "build", "Topology/Topology.csproj", "-p:UseSharedCompilation=false");
        Assert.NotEqual(0, planted.ExitCode);
        Assert.Matches(@"Planted\.cs\(\d+,\d+\): error LEF0001", planted.Output);
        Assert.DoesNotContain("CS9057", planted.Output, StringComparison.Ordinal);

        // The tool reads the estate's own sources, not a topology it was built with: the planted VIP is refused, nothing written.
        var before = File.ReadAllText(config);
        var refused = await Dotnet.RunAsync(estate, isolated, "lef", "emit");
        Assert.True(refused.ExitCode == 2, refused.Output);
        Assert.Contains("LEF0001", refused.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(config));
    }

    [Fact]
    public async Task The_records_package_carries_the_analyzer_and_fixes_and_depends_on_nothing()
    {
        using var package = ZipFile.OpenRead(Directory.GetFiles(packed.Folder, "Lef.Infra.Dsl.*.nupkg").Single());
        var files = package.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["analyzers/dotnet/cs/Lef.Infra.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Lef.Infra.Analyzers.dll", "lib/netstandard2.0/Lef.Infra.Dsl.dll"], files);
        using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.DoesNotContain("<dependency ", await nuspec.ReadToEndAsync(), StringComparison.Ordinal);

        // The compiler loads it (built on Roslyn 4.x, not newer than the SDK's: CS9057) and never loads Workspaces (RS1038).
        var analyzer = References(package, "analyzers/dotnet/cs/Lef.Infra.Analyzers.dll");
        Assert.True(analyzer["Microsoft.CodeAnalysis"] < new Version(5, 0), "Microsoft.CodeAnalysis " + analyzer["Microsoft.CodeAnalysis"]);
        Assert.DoesNotContain("Microsoft.CodeAnalysis.Workspaces", analyzer.Keys);
        Assert.DoesNotContain("Lef.Infra.Dsl", analyzer.Keys);
        Assert.True(References(package, "analyzers/dotnet/cs/Lef.Infra.Analyzers.CodeFixes.dll")["Microsoft.CodeAnalysis.Workspaces"] < new Version(5, 0));
    }

    private static Dictionary<string, Version> References(ZipArchive package, string path)
    {
        using var copy = new MemoryStream();
        using (var entry = package.GetEntry(path)!.Open())
        {
            entry.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(metadata.GetAssemblyReference).ToDictionary(r => metadata.GetString(r.Name), r => r.Version);
    }

    private const string Planted = """
        using Lef.Infra.Dsl;

        namespace Topology;

        public static class Planted
        {
            public static readonly Vip SameAsErp = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 30);
        }
        """;

    private static void Succeeds(ToolResult result) => Assert.True(result.ExitCode == 0, result.Output);

    /// <summary>A fresh folder, removed afterwards.</summary>
    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("lef-estate-").FullName;

        public string Folder(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

/// <summary>The three packages, packed once into a folder feed from the outputs this test project's build already made.</summary>
public sealed class PackageFeed : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("lef-feed-").FullName;

    public async Task InitializeAsync()
    {
        foreach (var project in new[] { "Lef.Infra.Dsl/Lef.Infra.Dsl.csproj", "Lef.Infra.Emit/Lef.Infra.Emit.csproj", "templates/Lef.Infra.Templates.csproj" })
        {
            var packed = await Dotnet.RunAsync(RepoPaths.Root, new Dictionary<string, string>(), "pack", project, "--no-build", "-c", Configuration, "-o", Folder, "-nologo");
            Assert.True(packed.ExitCode == 0, packed.Output);
        }
    }

    private static string Configuration =>
        typeof(PackageFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
