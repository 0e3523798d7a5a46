using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>The real programs accept what the emitter writes, for the fixed test topology and for the shipped one.</summary>
public sealed partial class RealToolTests
{
    public static TheoryData<string> Topologies => new("test", "shipped");

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Haproxy_accepts_every_emitted_config(string topology)
    {
        using var deploy = Emit(topology);
        var configs = Files(deploy, "haproxy.cfg");
        Assert.NotEmpty(configs);
        foreach (var config in configs)
        {
            var result = Tool.Run("haproxy", "-c", "-f", config);
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("Configuration file is valid", result.Output);

            // The only warning allowed: a backend name that does not resolve here, which HAProxy starts disabled (fail closed).
            var warnings = result.Output.Split('\n').Where(l => l.Contains("[WARNING]")).ToList();
            Assert.All(warnings, w => Assert.Contains("could not resolve address", w));
        }
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Ifup_accepts_every_alias_stanza(string topology)
    {
        using var deploy = Emit(topology);
        var files = Directory.EnumerateFiles(deploy.Path, "lef-*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var aliases = AutoLine().Matches(text).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(aliases);
            foreach (var alias in aliases)
            {
                var address = Regex.Match(text, "iface " + Regex.Escape(alias) + @" inet static\n    address (\S+)\n    netmask (\S+)");
                Assert.True(address.Success, "stanza for " + alias + " has address and netmask");
                var result = Tool.Run("ifup", "-n", "-i", file, alias);
                Assert.True(result.ExitCode == 0, alias + ": " + result.Output);
                Assert.Contains("ip addr add " + address.Groups[1].Value + "/" + address.Groups[2].Value, result.Output);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Named_checkzone_accepts_the_zone(string topology)
    {
        using var deploy = Emit(topology);
        var zone = Path.Combine(deploy.Path, "dns", "db.lef.zone");
        var result = Tool.Run("named-checkzone", "db.lef", zone);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("OK", result.Output);
    }

    private static TempDirectory Emit(string topology)
    {
        var deploy = new TempDirectory();
        var result = topology == "test" ? Emitter.EmitTestTopology(deploy.Path) : Emitter.EmitShippedTopology(deploy.Path);
        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        return deploy;
    }

    private static string[] Files(TempDirectory deploy, string name) =>
        DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.EndsWith("/" + name, System.StringComparison.Ordinal)).Select(p => deploy.Combine(p)).ToArray();

    [GeneratedRegex(@"^auto (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AutoLine();
}
