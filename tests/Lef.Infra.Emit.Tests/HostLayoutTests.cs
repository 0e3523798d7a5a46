using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>One host is one set of files whatever its spelling, and no host's files can land in another artifact's folder.</summary>
public sealed class HostLayoutTests
{
    [Fact]
    public void Two_spellings_of_one_host_give_one_haproxy_cfg_and_one_interfaces_file()
    {
        using var topology = TopologySources.Compile(new Dictionary<string, string>
        {
            ["Topology.cs"] = """
                using Lef.Infra.Dsl;
                namespace T;
                public static class Pools
                {
                    public static readonly VipPool Lower = new(Host: "proxy.core.lef", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
                    public static readonly VipPool Upper = new(Host: "PROXY.Core.lef", Interface: "ens18", Network: "10.21.0.0/24", First: "10.21.0.100", Last: "10.21.0.199");
                }
                public static class Vips
                {
                    public static readonly Vip A = new(Pool: Pools.Lower, Address: "10.20.0.101", Alias: 1);
                    public static readonly Vip B = new(Pool: Pools.Upper, Address: "10.21.0.101", Alias: 2);
                }
                public static class Endpoints
                {
                    public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.A, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp.core.lef", Port: 1433));
                    public static readonly Endpoint Crm = new(Name: "crm", Vip: Vips.B, Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-crm.core.lef", Port: 5432));
                }
                """,
        });
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", topology.Directory, "--out", deploy.Path);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        var hostFiles = DeployDirectory.ReadAll(deploy.Path).Keys.Where(p => p.StartsWith("hosts/", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(["hosts/proxy.core.lef/haproxy/haproxy.cfg", "hosts/proxy.core.lef/network/interfaces.d/lef-ens18"], hostFiles);
        var config = File.ReadAllText(deploy.Combine("hosts", "proxy.core.lef", "haproxy", "haproxy.cfg"));
        Assert.Contains("bind 10.20.0.101:1433", config);
        Assert.Contains("bind 10.21.0.101:5432", config);
        var interfaces = File.ReadAllText(deploy.Combine("hosts", "proxy.core.lef", "network", "interfaces.d", "lef-ens18"));
        Assert.Contains("iface ens18:1 inet static", interfaces);
        Assert.Contains("iface ens18:2 inet static", interfaces);
    }

    [Fact]
    public void Proxy_hosts_named_dns_and_docs_do_not_write_into_the_dns_and_docs_folders()
    {
        using var topology = TopologySources.Compile(new Dictionary<string, string>
        {
            ["Topology.cs"] = """
                using Lef.Infra.Dsl;
                namespace T;
                public static class Pools
                {
                    public static readonly VipPool Dns = new(Host: "dns", Interface: "ens18", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
                    public static readonly VipPool Docs = new(Host: "docs", Interface: "ens18", Network: "10.21.0.0/24", First: "10.21.0.100", Last: "10.21.0.199");
                }
                public static class Vips
                {
                    public static readonly Vip A = new(Pool: Pools.Dns, Address: "10.20.0.101", Alias: 1);
                    public static readonly Vip B = new(Pool: Pools.Docs, Address: "10.21.0.101", Alias: 1);
                }
                public static class Endpoints
                {
                    public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.A, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp.core.lef", Port: 1433));
                    public static readonly Endpoint Crm = new(Name: "crm", Vip: Vips.B, Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-crm.core.lef", Port: 5432));
                }
                """,
        });
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", topology.Directory, "--out", deploy.Path);

        Assert.True(result.ExitCode == Cli.Ok, result.Output);
        var files = DeployDirectory.ReadAll(deploy.Path).Keys.ToList();
        Assert.All(files.Where(p => p.StartsWith("dns/", System.StringComparison.Ordinal)), p => Assert.NotNull(LiveLayout.Target(p)));
        Assert.DoesNotContain(files, p => p.StartsWith("dns/haproxy", System.StringComparison.Ordinal) || p.StartsWith("docs/haproxy", System.StringComparison.Ordinal)
            || p.StartsWith("dns/network", System.StringComparison.Ordinal) || p.StartsWith("docs/network", System.StringComparison.Ordinal));
        Assert.Contains("hosts/dns/haproxy/haproxy.cfg", files);
        Assert.Contains("hosts/docs/haproxy/haproxy.cfg", files);
        Assert.Equal(("dns", "/etc/haproxy/haproxy.cfg"), LiveLayout.Target("hosts/dns/haproxy/haproxy.cfg"));
    }

    [Fact]
    public void Interfaces_whose_ifupdown_files_would_share_a_name_are_refused_by_lef0004()
    {
        using var topology = TopologySources.Compile(new Dictionary<string, string>
        {
            ["Topology.cs"] = """
                using Lef.Infra.Dsl;
                namespace T;
                public static class Pools
                {
                    public static readonly VipPool Vlan = new(Host: "proxy.core.lef", Interface: "ens18.100", Network: "10.20.0.0/24", First: "10.20.0.100", Last: "10.20.0.199");
                    public static readonly VipPool Other = new(Host: "proxy.core.lef", Interface: "ens18_100", Network: "10.21.0.0/24", First: "10.21.0.100", Last: "10.21.0.199");
                }
                public static class Vips
                {
                    public static readonly Vip A = new(Pool: Pools.Vlan, Address: "10.20.0.101", Alias: 1);
                    public static readonly Vip B = new(Pool: Pools.Other, Address: "10.21.0.101", Alias: 1);
                }
                public static class Endpoints
                {
                    public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.A, Port: Ports.SqlServer, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp.core.lef", Port: 1433));
                    public static readonly Endpoint Crm = new(Name: "crm", Vip: Vips.B, Port: Ports.PostgreSql, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-crm.core.lef", Port: 5432));
                }
                """,
        });
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", topology.Directory, "--out", deploy.Path);

        Assert.Equal(Cli.InvalidTopology, result.ExitCode);
        Assert.Contains("Topology.cs:5:", result.StandardError);
        Assert.Contains("Topology.cs:6:", result.StandardError);
        Assert.True(result.StandardError.Contains("error LEF0004: interface ens18.100 of Pools.Vlan and ens18_100 of Pools.Other (Topology.cs:6) on proxy.core.lef", System.StringComparison.Ordinal), result.StandardError);
        Assert.Contains("would share the ifupdown file lef-ens18_100", result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(deploy.Path));
    }
}
