extern alias analyzers;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Lef.Infra.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using TopologyAnalyzer = analyzers::Lef.Infra.Analyzers.TopologyAnalyzer;

namespace Lef.Infra.Emit.Tests.Allocation;

/// <summary>next-vip and next-alias print exactly what the analyzer's fixes write, from the same model and the same committed address map.</summary>
public sealed class NextValueCommandTests
{
    private static string CommittedDeploy => Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public void Next_vip_skips_declared_and_deployed_addresses_and_prints_what_the_fix_writes()
    {
        var printed = Emitter.Run("next-vip", "--pool", "Pools.ProxyCore", "--count", "3", "--out", CommittedDeploy);

        Assert.True(printed.ExitCode == Cli.Ok, printed.Output);
        Assert.Equal(["10.20.0.100", "10.20.0.108", "10.20.0.109"], Lines(printed.StandardOutput));
        Assert.Equal(Lines(printed.StandardOutput), FixesFor("""
            public static readonly Vip New1 = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 21);
            public static readonly Vip New2 = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 22);
            public static readonly Vip New3 = new(Pool: Pools.ProxyCore, Address: "10.20.0.101", Alias: 23);
            """, "LEF0001"));
    }

    [Fact]
    public void Next_alias_prints_the_alias_numbers_the_fix_writes()
    {
        var printed = Emitter.Run("next-alias", "--count", "2", "--out", CommittedDeploy);

        Assert.True(printed.ExitCode == Cli.Ok, printed.Output);
        Assert.Equal(["8", "9"], Lines(printed.StandardOutput));
        Assert.Equal(Lines(printed.StandardOutput), FixesFor("""
            public static readonly Vip New1 = new(Pool: Pools.ProxyCore, Address: "10.20.0.150", Alias: 1);
            public static readonly Vip New2 = new(Pool: Pools.ProxyCore, Address: "10.20.0.151", Alias: 1);
            """, "LEF0004"));
    }

    [Fact]
    public void A_deployed_address_no_longer_declared_is_not_handed_out()
    {
        using var deploy = new TempDirectory();
        Directory.CreateDirectory(deploy.Combine("docs"));
        File.WriteAllText(
            deploy.Combine("docs", "core-lan-address-map.json"),
            File.ReadAllText(Path.Combine(CommittedDeploy, "docs", "core-lan-address-map.json"))
                .Replace("\"addresses\": [", "\"addresses\": [ { \"address\": \"10.20.0.100\", \"owner\": \"proxy.core.lef\", \"interface\": \"ens18:8\", \"declaredBy\": \"Vips.Removed\" },", StringComparison.Ordinal));

        Assert.Equal(["10.20.0.108"], Lines(Emitter.Run("next-vip", "--out", deploy.Path).StandardOutput));
        Assert.Equal(["9"], Lines(Emitter.Run("next-alias", "--out", deploy.Path).StandardOutput));
    }

    [Fact]
    public void Without_an_address_map_only_the_declared_values_are_taken()
    {
        using var deploy = new TempDirectory();

        Assert.Equal(["10.20.0.100", "10.20.0.108"], Lines(Emitter.Run("next-vip", "--count", "2", "--out", deploy.Path).StandardOutput));
    }

    [Fact]
    public void A_pool_with_fewer_free_addresses_than_asked_prints_them_and_exits_11()
    {
        var printed = Emitter.Run("next-vip", "--count", "100", "--out", CommittedDeploy);

        Assert.Equal(Lef.Infra.Emit.Allocation.FreeValues.Exhausted, printed.ExitCode);
        Assert.Equal(11, printed.ExitCode);
        Assert.Equal(93, Lines(printed.StandardOutput).Length);
        Assert.Equal("error: pool Pools.ProxyCore has only 93 free addresses", printed.StandardError.Trim());
    }

    [Theory]
    [InlineData("next-vip", "--pool", "Nope")]
    [InlineData("next-alias", "--pool", "Nope")]
    [InlineData("next-vip", "--count", "0")]
    public void A_bad_pool_or_count_is_one_line_and_exit_4(params string[] args)
    {
        var printed = Emitter.Run([.. args, "--out", CommittedDeploy]);

        Assert.Equal(Cli.Usage, printed.ExitCode);
        Assert.Empty(printed.StandardOutput);
        Assert.Single(Lines(printed.StandardError));
    }

    [Fact]
    public void Several_pools_need_a_pool_and_take_its_name_without_the_class()
    {
        var args = new[] { "--topology", Emitter.TestTopologySources };

        var withoutPool = Emitter.Run(["next-vip", .. args]);
        var edge = Emitter.Run(["next-vip", "--pool", "edge", .. args]);

        Assert.Equal(Cli.Usage, withoutPool.ExitCode);
        Assert.Contains("pass --pool (one of: Pools.Core, Pools.CoreBackup, Pools.Edge, Pools.Public)", withoutPool.StandardError, StringComparison.Ordinal);
        Assert.True(edge.ExitCode == Cli.Ok, edge.Output);
        Assert.StartsWith("172.16.5.", Lines(edge.StandardOutput).Single(), StringComparison.Ordinal);
    }

    /// <summary>The values the real analyzer offers as fixes when these VIPs join the shipped Topology, with the committed address map.</summary>
    private static string[] FixesFor(string vips, string ruleId)
    {
        var sources = Directory.EnumerateFiles(RepoPaths.Topology, "*.cs").Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Text: File.ReadAllText(path)))
            .Append((Path: "New.cs", Text: "using Lef.Infra.Dsl;\nnamespace Topology;\npublic static class New\n{\n" + vips + "\n}\n"));
        var compilation = CSharpCompilation.Create(
            "Topology",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), s.Path)),
            FrameworkReferences.WithDsl,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var map = new MapText(Path.Combine(CommittedDeploy, "docs", "core-lan-address-map.json"));
        var diagnostics = compilation.WithAnalyzers([new TopologyAnalyzer()], new AnalyzerOptions([map]))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics
            .Where(d => d.Id == ruleId && d.Location.SourceTree!.FilePath == "New.cs" && d.Properties.ContainsKey("Replacement"))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.Properties["Replacement"]!.Trim('"'))
            .ToArray();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class MapText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
