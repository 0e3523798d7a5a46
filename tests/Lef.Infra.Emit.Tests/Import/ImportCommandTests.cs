using System.IO;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>What the command refuses, with its exit code, and that a refusal writes nothing.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public void A_missing_input_exits_3_and_writes_nothing()
    {
        using var output = new TempDirectory();
        var result = Importer.Run(
            "--haproxy", Importer.Fixture("live", "haproxy.cfg"), "--interfaces", Importer.Fixture("live", "no-such-file"),
            "--zone", Importer.Fixture("live", "db.lef.zone"), "--out", output.Path);

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("cannot read", result.StandardError);
        Assert.Contains("no-such-file", result.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    [Fact]
    public void An_out_folder_that_already_holds_csharp_exits_4_and_is_left_as_it_was()
    {
        using var output = new TempDirectory();
        File.WriteAllText(output.Combine("Pools.cs"), "// hand-written");

        var result = Importer.ImportFixture("live", output.Path);

        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("already holds Pools.cs", result.StandardError);
        Assert.Equal([output.Combine("Pools.cs")], Directory.GetFiles(output.Path));
        Assert.Equal("// hand-written", File.ReadAllText(output.Combine("Pools.cs")));
    }

    [Fact]
    public void With_one_pool_a_range_outside_it_exits_4_and_writes_nothing()
    {
        using var output = new TempDirectory();
        var result = Importer.ImportFixture("live", output.Path, "--pool-first", "192.168.1.10");

        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("--pool-first 192.168.1.10 is in none of the imported pools (10.20.0.0/24)", result.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    [Theory]
    [InlineData("{\"pools\":[{\"network\":\"x\"}]}", "pool 1 of \"pools\" has no \"network\" such as 10.20.0.0/24 (it has `x`)")]
    [InlineData("{\"pools\":[{\"network\":\"10.20.0.0/24\"}]}", "pool 1 of \"pools\" (10.20.0.0/24) has no \"first\" and \"last\" IPv4 addresses")]
    [InlineData("{\"pools\":[{\"network\":\"10.20.0.0/24\",\"first\":\"10.20.0.200\",\"last\":\"10.20.0.100\",\"owner\":\"p\",\"interface\":\"ens18\"}]}", "10.20.0.200..10.20.0.100 is not a range inside it")]
    [InlineData("{\"pools\":[{\"network\":\"10.20.0.0/24\",\"first\":\"10.20.0.100\",\"last\":\"10.20.0.199\"}]}", "has no \"owner\" and \"interface\"")]
    public void An_address_map_with_a_pool_the_emitter_could_not_have_written_exits_4(string json, string error)
    {
        using var output = new TempDirectory();
        File.WriteAllText(output.Combine("map.json"), json);
        var result = Importer.ImportFixture("live", output.Combine("out"), "--address-map", output.Combine("map.json"));

        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("map.json is not an address map: pool 1 of \"pools\" ", result.StandardError);
        Assert.Contains(error, result.StandardError);
        Assert.False(Directory.Exists(output.Combine("out")));
    }

    [Fact]
    public void With_several_pools_a_range_in_none_of_them_exits_4_and_writes_nothing()
    {
        using var twoPools = new TempDirectory();
        File.WriteAllText(twoPools.Combine("interfaces"), "auto ens18:1\niface ens18:1 inet static\n address 10.20.0.101/24\nauto ens19:1\niface ens19:1 inet static\n address 10.21.0.10/25\n");
        using var output = new TempDirectory();
        var result = Importer.Run(
            "--haproxy", Importer.Fixture("live", "haproxy.cfg"), "--interfaces", twoPools.Combine("interfaces"), "--zone", Importer.Fixture("live", "db.lef.zone"),
            "--out", output.Path, "--pool-last", "192.168.1.10");

        Assert.Equal(ImportCommand.BadArguments, result.ExitCode);
        Assert.Contains("--pool-last 192.168.1.10 is in none of the imported pools (10.20.0.0/24, 10.21.0.0/25)", result.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    [Fact]
    public void A_pool_range_replaces_the_inferred_one_for_the_pool_holding_it()
    {
        using var output = new TempDirectory();
        var result = Importer.ImportFixture("live", output.Path, "--pool-first", "10.20.0.100", "--pool-last", "10.20.0.199");

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        var source = File.ReadAllText(output.Combine("ProxyCore.cs"));
        Assert.Contains("First: \"10.20.0.100\",\n        Last: \"10.20.0.199\");", source);
        Assert.Contains("range as given to the import", source);
    }
}
