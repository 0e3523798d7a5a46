using System;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Deployment;
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

    public void Dispose() => Tool.Run("ip", "netns", "delete", netns);

    private ToolResult Check(string config) => Tool.Run("ip", "netns", "exec", netns, "keepalived", "-t", "-f", config);

    private static void Run(string name, params string[] arguments)
    {
        var result = Tool.Run(name, arguments);
        Assert.True(result.ExitCode == 0, name + " " + string.Join(' ', arguments) + ": " + result.Output);
    }
}
