using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Tests.Import;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Allocation;

/// <summary>
/// Two engineers run next-vip on the same main and both take its answer. Each branch builds clean and git merges them
/// without a conflict; on the merge result the build fails with LEF0001, LEF0003 (same VIP:port) and LEF0004, and emit --check
/// refuses it (exit 2), as CI runs them.
/// </summary>
public sealed class MergeConcurrencyTests
{
    [Fact]
    public void Two_branches_that_took_the_same_next_vip_merge_cleanly_and_the_merged_build_fails()
    {
        using var repo = new TempDirectory();
        Git(repo, "init", "-q", "-b", "main");
        Directory.CreateDirectory(repo.Combine("Topology"));
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Topology, "*.cs"))
        {
            File.Copy(file, repo.Combine("Topology", Path.GetFileName(file)));
        }

        Git(repo, "add", "-A");
        Git(repo, "commit", "-q", "-m", "estate");
        var vip = Lines(Emitter.Run("next-vip", "--out", Path.Combine(RepoPaths.Root, "deploy")).StandardOutput).Single();
        var alias = Lines(Emitter.Run("next-alias", "--out", Path.Combine(RepoPaths.Root, "deploy")).StandardOutput).Single();

        Branch(repo, "alice", "Sales", vip, alias);
        Git(repo, "checkout", "-q", "main");
        Branch(repo, "bob", "Support", vip, alias);
        Assert.DoesNotContain(Build(repo), d => d.Severity == "error");
        Git(repo, "checkout", "-q", "alice");
        Assert.DoesNotContain(Build(repo), d => d.Severity == "error");

        Git(repo, "merge", "-q", "--no-edit", "bob");

        var errors = Build(repo).Where(d => d.Severity == "error").Select(d => d.Id + " " + d.File).Order(StringComparer.Ordinal);
        Assert.Equal(["LEF0001 Sales.cs", "LEF0001 Support.cs", "LEF0003 Sales.cs", "LEF0003 Support.cs", "LEF0004 Sales.cs", "LEF0004 Support.cs"], errors);
        var check = Emitter.Run("emit", "--check", "--topology", repo.Combine("Topology"), "--out", repo.Combine("deploy"));
        Assert.Equal(Cli.InvalidTopology, check.ExitCode);
        Assert.Matches(@"Topology/Sales\.cs:\d+:\d+: error LEF0001", check.StandardError);
        Assert.False(Directory.Exists(repo.Combine("deploy")));
    }

    private static void Branch(TempDirectory repo, string branch, string name, string vip, string alias)
    {
        Git(repo, "checkout", "-q", "-b", branch);
        File.WriteAllText(repo.Combine("Topology", name + ".cs"), $$"""
            using Lef.Infra.Dsl;

            namespace Topology;

            public static class {{name}}
            {
                public static readonly Vip Vip = new(Pool: Pools.ProxyCore, Address: "{{vip}}", Alias: {{alias}});

                public static readonly Endpoint Db = new(
                    Name: "{{name.ToLowerInvariant()}}",
                    Vip: Vip,
                    Port: Ports.PostgreSql,
                    Engine: Engine.PostgreSql,
                    Backend: new Backend(Host: "pg-{{name.ToLowerInvariant()}}-01.core.lef", Port: Ports.PostgreSql));
            }
            """);
        Git(repo, "add", "-A");
        Git(repo, "commit", "-q", "-m", name);
    }

    private static IReadOnlyList<TopologyDiagnostic> Build(TempDirectory repo) =>
        InProcessBuild.Diagnostics(Directory.EnumerateFiles(repo.Combine("Topology"), "*.cs").ToDictionary(path => Path.GetFileName(path), File.ReadAllText));

    private static void Git(TempDirectory repo, params string[] args)
    {
        var result = Tool.Run("git", ["-C", repo.Path, "-c", "user.name=Lef Test", "-c", "user.email=test@lef.invalid", "-c", "commit.gpgsign=false", .. args]);
        Assert.True(result.ExitCode == 0, "git " + string.Join(' ', args) + ": " + result.Output);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
