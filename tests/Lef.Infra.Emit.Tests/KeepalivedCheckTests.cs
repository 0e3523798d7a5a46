using System;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Writers;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// keepalived 2.2.7 accepts every emitted keepalived.conf as written. <c>keepalived -t</c> looks the interfaces up, so it
/// runs in a network namespace holding an ens18; and it exits 0 while it rounds or ignores values, so its output must be
/// empty too. Needs root (CI is).
/// </summary>
public sealed class KeepalivedCheckTests : IDisposable
{
    private readonly string netns = "lef-kt-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6];

    public KeepalivedCheckTests()
    {
        Tool.Require("keepalived");
        Run("ip", "netns", "add", netns);
        Run("ip", "-n", netns, "link", "add", "ens18", "type", "veth", "peer", "name", "ens18-peer");
        Run("ip", "-n", netns, "link", "set", "ens18", "up");
    }

    [Fact]
    public void Keepalived_accepts_every_emitted_config_without_a_word()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        var configs = DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.EndsWith("/keepalived.conf", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, configs.Count);
        foreach (var config in configs)
        {
            var result = Check(deploy.Combine(config));
            Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, config + ": exit " + result.ExitCode + ": " + result.Output);
        }
    }

    [Theory]
    [InlineData("advert_int 0.3", "advert_int 0.305", "rounding")] // exit 0, only a log line: why the output must be empty
    [InlineData("label ens18:1", "labl ens18:1", "Unknown configuration entry")]
    [InlineData("interface ens18", "interface ens19", "Non-existent interface")]
    public void The_check_catches_what_keepalived_would_change_or_refuse(string written, string broken, string complaint)
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitPairTopology(deploy.Path).ExitCode);
        var config = deploy.Combine("hosts/proxy-a.core.lef/keepalived/keepalived.conf");
        var text = File.ReadAllText(config);
        Assert.Contains(written, text);
        File.WriteAllText(config, text.Replace(written, broken, StringComparison.Ordinal));

        Assert.Contains(complaint, Check(config).Output);
    }

    [Fact]
    public void A_pair_with_more_vips_than_an_advert_carries_is_accepted_without_a_word()
    {
        // 300 VIPs on one pair: an advert carries at most 255, and keepalived -t refuses more in one virtual_ipaddress block
        // (exit 5), which would refuse every apply to the pair. The ones past 255 go to virtual_ipaddress_excluded.
        const int count = 300;
        var pairs = File.ReadAllText(Path.Combine(Emitter.PairTopologySources, "Pairs.cs"));
        var vips = new System.Text.StringBuilder("using Lef.Infra.Dsl;\nnamespace PairTopology;\npublic static class Vips\n{\n");
        var endpoints = new System.Text.StringBuilder("using Lef.Infra.Dsl;\nnamespace PairTopology;\npublic static class Endpoints\n{\n");
        for (var i = 0; i < count; i++)
        {
            var address = "10.20." + (1 + (i / 200)) + "." + (10 + (i % 200));
            vips.Append("    public static readonly Vip V").Append(i).Append(" = new(Pool: Pools.Core, Address: \"").Append(address).Append("\", Alias: ").Append(i + 1).Append(");\n");
            endpoints.Append("    public static readonly Endpoint E").Append(i).Append(" = new(Name: \"e").Append(i).Append("\", Vip: Vips.V").Append(i)
                .Append(", Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: new Backend(Host: \"10.30.0.5\", Port: Ports.PostgreSql));\n");
        }

        using var topology = TopologySources.Compile(new System.Collections.Generic.Dictionary<string, string>
        {
            ["Pairs.cs"] = pairs,
            ["Pools.cs"] = "using Lef.Infra.Dsl;\nnamespace PairTopology;\npublic static class Pools\n{\n    public static readonly VipPool Core = new(Pair: Pairs.Core, Interface: \"ens18\", Network: \"10.20.0.0/16\", First: \"10.20.1.10\", Last: \"10.20.9.250\");\n}\n",
            ["Vips.cs"] = vips.Append("}\n").ToString(),
            ["Endpoints.cs"] = endpoints.Append("}\n").ToString(),
        });
        using var deploy = new TempDirectory();
        var emit = Emitter.Run("emit", "--topology", topology.Directory, "--out", deploy.Path);
        Assert.True(emit.ExitCode == Cli.Ok, emit.Output);

        var config = deploy.Combine("hosts/proxy-a.core.lef/keepalived/keepalived.conf");
        var text = File.ReadAllText(config);
        Assert.Equal(count, System.Text.RegularExpressions.Regex.Matches(text, " dev ens18 label ens18:").Count);
        Assert.Equal(count - KeepalivedConfigWriter.AdvertisedVips, text[text.IndexOf("virtual_ipaddress_excluded {", StringComparison.Ordinal)..].Split('\n').Count(l => l.Contains(" label ens18:", StringComparison.Ordinal)));
        var result = Check(config);
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, "exit " + result.ExitCode + ": " + result.Output);
    }

    public void Dispose() => Tool.Run("ip", "netns", "delete", netns);

    private ToolResult Check(string config) => Tool.Run("ip", "netns", "exec", netns, "keepalived", "-t", "-f", config);

    private static void Run(string name, params string[] arguments)
    {
        var result = Tool.Run(name, arguments);
        Assert.True(result.ExitCode == 0, name + " " + string.Join(' ', arguments) + ": " + result.Output);
    }
}
