using System.IO;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Emit.Apply;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

/// <summary>Reading the emitted haproxy.cfg and interfaces file back: what an apply adds, changes and removes.</summary>
public sealed class ProxyChangeTests
{
    private static readonly string Config = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "hosts", "proxy.core.lef", "haproxy", "haproxy.cfg"));
    private static readonly string Interfaces = File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "hosts", "proxy.core.lef", "network", "interfaces.d", "lef-ens18"));

    [Fact]
    public void Every_emitted_listen_is_read_back_with_its_bind_server_and_engine()
    {
        var listens = ProxyConfig.Listens(Config);

        Assert.Equal(Config.Split('\n').Count(l => l.StartsWith("listen ", System.StringComparison.Ordinal)), listens.Count);
        Assert.Equal("10.20.0.101:1433", listens["erp-1433"].Bind.ToString());
        Assert.Equal(["erp"], listens["erp-1433"].Servers);
        Assert.Equal(Engine.SqlServer, listens["erp-1433"].Engine);
        Assert.Equal(Engine.PostgreSql, listens["analytics-5432"].Engine);
    }

    [Fact]
    public void A_cluster_listen_is_read_back_with_every_node()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitClusterTopology(deploy.Path).ExitCode);
        var listens = ProxyConfig.Listens(System.IO.File.ReadAllText(deploy.Combine("hosts/proxy.core.lef/haproxy/haproxy.cfg")));

        Assert.Equal(["orders-1", "orders-2", "orders-3"], listens["orders-5432"].Servers);
        Assert.Equal(["payroll-1", "payroll-2"], listens["payroll-1433"].Servers);
    }

    [Fact]
    public void Every_emitted_alias_is_read_back()
    {
        var aliases = ProxyConfig.Aliases(Interfaces);

        Assert.Equal(Interfaces.Split('\n').Count(l => l.StartsWith("iface ", System.StringComparison.Ordinal)), aliases.Count);
        Assert.Contains("address 10.20.0.101", aliases["ens18:1"]);
    }

    [Fact]
    public void An_added_a_changed_and_a_removed_listen_are_told_apart_and_comments_change_nothing()
    {
        var edited = Config
            .Replace("server crm 10.20.1.21:1433 check", "server crm 10.20.1.22:1433 check", System.StringComparison.Ordinal)
            .Replace("# erp.db.lef:1433", "# a comment that differs", System.StringComparison.Ordinal)
            + "\nlisten reports-5432\n    bind 10.20.0.150:5432\n    option pgsql-check user haproxy\n    server reports 10.20.1.50:5432 check\n";
        var hr = ProxyConfig.Listens(Config)["hr-1433"].Text.Split('\n')[0];
        edited = string.Join('\n', edited.Split('\n').SkipWhile(l => l != hr).Skip(1).SkipWhile(l => l.StartsWith(' ')).Prepend(string.Join('\n', edited.Split('\n').TakeWhile(l => l != hr))));
        var interfaces = Interfaces.Replace("address 10.20.0.101", "address 10.20.0.151", System.StringComparison.Ordinal);

        var change = ProxyChange.Between(Config, edited, [Interfaces], [interfaces]);

        Assert.Equal(["reports-5432"], change.AddedListens.Select(l => l.Name));
        Assert.Equal(["crm-1433"], change.ChangedListens.Select(l => l.Name));
        Assert.Equal(["hr-1433"], change.RemovedListens.Select(l => l.Name));
        Assert.Equal(["crm-1433", "reports-5432"], change.Fresh.Select(l => l.Name).Order());
        Assert.Equal(["ens18:1"], change.AddedAliases);
        Assert.Equal(["ens18:1"], change.RemovedAliases);
    }

    [Fact]
    public void The_same_files_change_nothing()
    {
        var change = ProxyChange.Between(Config, Config, [Interfaces], [Interfaces]);

        Assert.Empty(change.Fresh);
        Assert.Empty(change.RemovedListens);
        Assert.Empty(change.AddedAliases);
        Assert.Empty(change.RemovedAliases);
    }
}
