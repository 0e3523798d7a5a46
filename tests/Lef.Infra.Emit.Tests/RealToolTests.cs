using System.Globalization;
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
    public static TheoryData<string> Topologies => new("test", "shipped", "pair", "cluster");

    /// <summary>The DNS artifacts come in two shapes: views (test, shipped) and one zone outside any view (viewless).</summary>
    public static TheoryData<string> DnsTopologies => new("test", "shipped", "viewless");

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

            // The only warnings allowed: a backend name that does not resolve here, which HAProxy starts disabled (fail closed),
            // and no saved server state yet (apply writes it just before each reload).
            var warnings = result.Output.Split('\n').Where(l => l.Contains("[WARNING]") && !l.Contains("Can't open global server state file")).ToList();
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
    [MemberData(nameof(DnsTopologies))]
    public void Named_checkzone_accepts_every_zone(string topology)
    {
        using var deploy = Emit(topology);
        var zones = Zones(deploy);
        Assert.Equal(topology == "test" ? 3 : topology == "shipped" ? 2 : 1, zones.Length);
        foreach (var zone in zones)
        {
            var result = Tool.Run("named-checkzone", "db.lef", zone);
            Assert.True(result.ExitCode == 0, zone + ": " + result.Output);
            Assert.Contains("loaded serial " + Emitter.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "00", result.Output);
            Assert.Contains("OK", result.Output);
        }
    }

    [Theory]
    [MemberData(nameof(DnsTopologies))]
    public void Named_checkconf_loads_the_fragment_and_every_zone_it_names(string topology)
    {
        using var deploy = Emit(topology);
        using var server = DnsServerRoot(deploy);
        var result = Tool.Run("named-checkconf", "-t", server.Path, "-z", "/named.conf");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(Zones(deploy).Length, Regex.Matches(result.Output, @"zone db\.lef/IN: loaded serial \d+").Count);
    }

    [Fact]
    public void Named_checkconf_fails_when_a_zone_the_fragment_names_is_broken()
    {
        // The check above is not vacuous: -z really loads the zones through the fragment's live paths.
        using var deploy = Emit("shipped");
        using var server = DnsServerRoot(deploy);
        var zone = server.Combine("etc", "bind", "lef", "views", "internal", "db.lef.zone");
        File.WriteAllText(zone, File.ReadAllText(zone).Replace("IN A 10.20.0.101", "IN A 10.20.0.1011", System.StringComparison.Ordinal));

        var result = Tool.Run("named-checkconf", "-t", server.Path, "-z", "/named.conf");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("bad dotted quad", result.Output);
    }

    private static TempDirectory Emit(string topology)
    {
        var deploy = new TempDirectory();
        ToolResult result;
        if (topology == "viewless")
        {
            var (sources, viewless) = ViewlessTopology.Emit(deploy.Path);
            sources.Dispose();
            result = viewless;
        }
        else
        {
            result = topology switch
            {
                "test" => Emitter.EmitTestTopology(deploy.Path),
                "pair" => Emitter.EmitPairTopology(deploy.Path),
                "cluster" => Emitter.EmitClusterTopology(deploy.Path),
                _ => Emitter.EmitShippedTopology(deploy.Path),
            };
        }

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        return deploy;
    }

    private static string[] Zones(TempDirectory deploy) =>
        DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.StartsWith("dns/", System.StringComparison.Ordinal) && p.EndsWith(".zone", System.StringComparison.Ordinal))
            .Select(p => deploy.Combine(p)).ToArray();

    /// <summary>
    /// dns.core.lef as named sees it: deploy/dns/ at /etc/bind/lef, and a minimal named.conf that includes the fragment.
    /// The fragment names live paths, so named-checkconf runs chrooted (-t) into this folder; chroot needs root, as CI is.
    /// </summary>
    private static TempDirectory DnsServerRoot(TempDirectory deploy)
    {
        var root = new TempDirectory();
        string? fragment = null;
        foreach (var path in DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.StartsWith("dns/", System.StringComparison.Ordinal)))
        {
            var target = root.Combine(["etc", "bind", "lef", .. path["dns/".Length..].Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(deploy.Combine(path), target);
            fragment = path.Contains("named.conf", System.StringComparison.Ordinal) ? path["dns/".Length..] : fragment;
        }

        Assert.NotNull(fragment);
        File.WriteAllText(
            root.Combine("named.conf"),
            "options { directory \"/etc/bind/lef\"; };\ninclude \"/etc/bind/lef/" + fragment + "\";\n");
        return root;
    }

    private static string[] Files(TempDirectory deploy, string name) =>
        DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.EndsWith("/" + name, System.StringComparison.Ordinal)).Select(p => deploy.Combine(p)).ToArray();

    [GeneratedRegex(@"^auto (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AutoLine();
}
