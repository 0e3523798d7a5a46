using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Import;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>import(emit(T)) is T again: it builds clean with the analyzer and emits byte-identical artifacts.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Importing_the_emitted_test_topology_builds_clean_and_emits_the_same_bytes()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy.Path).ExitCode);
        var emitted = Importer.Files(deploy.Path);

        using var imported = new TempDirectory();
        var import = Importer.Run([.. ImportArguments(deploy, emitted.Keys), "--out", imported.Path]);
        Assert.True(import.ExitCode == ImportCommand.Imported, import.Output);
        Assert.DoesNotContain(": warning:", import.StandardError, StringComparison.Ordinal);

        var sources = Importer.Files(imported.Path);
        Assert.Equal(["Core.cs", "CoreBackup.cs", "DnsViews.cs", "Edge.cs", "Public.cs"], sources.Keys);
        Assert.Empty(InProcessBuild.Diagnostics(sources));

        using var topology = TopologySources.Compile(sources);
        using var again = new TempDirectory();
        var emit = Emitter.Run("emit", "--topology", topology.Directory, "--out", again.Path);
        Assert.True(emit.ExitCode == Cli.Ok, emit.Output);

        var reemitted = Importer.Files(again.Path);
        Assert.Equal(emitted.Keys, reemitted.Keys);
        foreach (var path in emitted.Keys)
        {
            Assert.True(
                File.ReadAllBytes(deploy.Combine(path)).AsSpan().SequenceEqual(File.ReadAllBytes(again.Combine(path))),
                path + " differs after the round trip:\n" + reemitted[path]);
        }
    }

    [Fact]
    public void Importing_the_emitted_pair_topology_gives_the_pair_back_and_emits_the_same_bytes()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        var emitted = Importer.Files(deploy.Path);

        using var imported = new TempDirectory();
        var import = Importer.Run([.. ImportArguments(deploy, emitted.Keys), "--out", imported.Path]);
        Assert.True(import.ExitCode == ImportCommand.Imported, import.Output);
        Assert.DoesNotContain(": warning:", import.StandardError, StringComparison.Ordinal);

        var sources = Importer.Files(imported.Path);
        Assert.Equal(["Core.cs", "Edge.cs", "Pairs.cs"], sources.Keys);
        Assert.Contains("Pair: Pairs.ProxyCore,", sources["Core.cs"]);
        Assert.Contains("First: new PairNode(Host: \"proxy-a.core.lef\", Address: \"10.20.0.11\", Priority: 150),", sources["Pairs.cs"]);
        Assert.Empty(InProcessBuild.Diagnostics(sources));

        using var topology = TopologySources.Compile(sources);
        using var again = new TempDirectory();
        var emit = Emitter.Run("emit", "--topology", topology.Directory, "--out", again.Path);
        Assert.True(emit.ExitCode == Cli.Ok, emit.Output);

        var reemitted = Importer.Files(again.Path);
        Assert.Equal(emitted.Keys, reemitted.Keys);
        foreach (var path in emitted.Keys)
        {
            Assert.True(
                File.ReadAllBytes(deploy.Combine(path)).AsSpan().SequenceEqual(File.ReadAllBytes(again.Combine(path))),
                path + " differs after the round trip:\n" + reemitted[path]);
        }
    }

    /// <summary>
    /// Every haproxy.cfg and interfaces file of the deploy with its host (the folder under hosts/), every zone (each names its view
    /// in its header), and the address map (the pools' documented ranges and names, which no live file holds).
    /// </summary>
    private static IEnumerable<string> ImportArguments(TempDirectory deploy, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var host = path.Split('/') is ["hosts", var name, ..] ? name : null;
            if (path.EndsWith("/haproxy/haproxy.cfg", StringComparison.Ordinal))
            {
                yield return "--haproxy";
                yield return host + "=" + deploy.Combine(path);
            }
            else if (path.Contains("/network/interfaces.d/", StringComparison.Ordinal))
            {
                yield return "--interfaces";
                yield return host + "=" + deploy.Combine(path);
            }
            else if (path.EndsWith("/keepalived/keepalived.conf", StringComparison.Ordinal))
            {
                yield return "--keepalived";
                yield return host + "=" + deploy.Combine(path);
            }
            else if (path.EndsWith(".zone", StringComparison.Ordinal))
            {
                yield return "--zone";
                yield return deploy.Combine(path);
            }
            else if (path.EndsWith("/core-lan-address-map.json", StringComparison.Ordinal))
            {
                yield return "--address-map";
                yield return deploy.Combine(path);
            }
        }
    }
}
