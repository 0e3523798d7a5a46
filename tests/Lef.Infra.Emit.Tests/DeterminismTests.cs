using System.IO;
using Lef.Infra.Emit.Deployment;
using Xunit;

namespace Lef.Infra.Emit.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_runs_give_identical_bytes(bool pair)
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        Assert.Equal(Cli.Ok, (pair ? Emitter.EmitPairTopology(first.Path) : Emitter.EmitTestTopology(first.Path)).ExitCode);
        Assert.Equal(Cli.Ok, (pair ? Emitter.EmitPairTopology(second.Path) : Emitter.EmitTestTopology(second.Path)).ExitCode);

        var a = DeployDirectory.ReadAll(first.Path);
        var b = DeployDirectory.ReadAll(second.Path);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var path in a.Keys)
        {
            Assert.Equal(File.ReadAllBytes(first.Combine(path)), File.ReadAllBytes(second.Combine(path)));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Output_is_lf_only_utf8_without_bom_and_ends_with_a_newline(bool pair)
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, (pair ? Emitter.EmitPairTopology(deploy.Path) : Emitter.EmitTestTopology(deploy.Path)).ExitCode);
        foreach (var path in DeployDirectory.ReadAll(deploy.Path).Keys)
        {
            var bytes = File.ReadAllBytes(deploy.Combine(path));
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], path + " starts with a BOM");
            Assert.Equal((byte)'\n', bytes[^1]);
        }
    }

    [Fact]
    public void Emitting_again_replaces_deploy_and_removes_files_the_topology_no_longer_gives()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy.Path).ExitCode);
        File.WriteAllText(deploy.Combine("stray.txt"), "left over");
        Assert.Equal(Cli.Ok, Emitter.EmitTestTopology(deploy.Path).ExitCode);
        Assert.False(File.Exists(deploy.Combine("stray.txt")));
        Assert.True(File.Exists(deploy.Combine("dns", "views", "internal", "db.lef.zone")));
    }

    [Fact]
    public void Check_passes_on_a_fresh_deploy_and_fails_with_the_file_named_after_one_byte_changes()
    {
        using var deploy = new TempDirectory();
        Emitter.EmitTestTopology(deploy.Path);
        var check = Emitter.Run("emit", "--check", "--topology", Emitter.TestTopologySources, "--out", deploy.Path);
        Assert.Equal(Cli.Ok, check.ExitCode);

        var zone = deploy.Combine("dns", "views", "internal", "db.lef.zone");
        File.AppendAllText(zone, " ");
        check = Emitter.Run("emit", "--check", "--topology", Emitter.TestTopologySources, "--out", deploy.Path);
        Assert.Equal(Cli.Drift, check.ExitCode);
        Assert.Contains("dns/views/internal/db.lef.zone", check.StandardOutput);
    }

    [Theory]
    [InlineData("ens18", "lef-ens18")]
    [InlineData("ens18.100", "lef-ens18_100")] // run-parts (source-directory) skips names with a dot
    public void Interfaces_file_names_are_ones_source_directory_loads(string parentInterface, string fileName)
    {
        Assert.Equal(fileName, Writers.InterfacesWriter.FileName(parentInterface));
        Assert.Matches("^[a-zA-Z0-9_-]+$", Writers.InterfacesWriter.FileName(parentInterface));
    }
}
