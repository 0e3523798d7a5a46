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
    public void A_changed_cluster_listen_keeps_its_unchanged_nodes_state_and_starts_the_others_down()
    {
        using var deploy = new TempDirectory();
        Assert.Equal(Cli.Ok, Emitter.EmitClusterTopology(deploy.Path).ExitCode);
        var config = File.ReadAllText(deploy.Combine("hosts/proxy.core.lef/haproxy/haproxy.cfg"));
        const string Last = "    server orders-3 10.20.1.33:5432 check port 8008 on-marked-down shutdown-sessions\n";
        Assert.Contains(Last, config);

        // A node added: the others keep what they were (the primary UP, the replicas DOWN); the new one starts down.
        var added = ProxyChange.Between(config, config.Replace(Last, Last + "    server orders-4 10.20.1.34:5432 check port 8008 on-marked-down shutdown-sessions\n", System.StringComparison.Ordinal), [], []).States();
        Assert.Empty(added.DropListens);
        Assert.Equal([("orders-5432", "orders-4", 5432), ("orders-ro-5432", "orders-4", 5432)], added.StartDown);

        // The role it checks changed: no node's old state means anything now, so every node starts down.
        var role = ProxyChange.Between(config, config.Replace("option httpchk OPTIONS /primary", "option httpchk OPTIONS /replica", System.StringComparison.Ordinal), [], []).States();
        Assert.Equal(["orders-1", "orders-2", "orders-3"], role.StartDown.Where(s => s.Listen == "orders-5432").Select(s => s.Server));

        // A listen without a role check starts from its first check.
        var plain = ProxyChange.Between(Config, Config.Replace("server crm 10.20.1.21:1433 check", "server crm 10.20.1.22:1433 check", System.StringComparison.Ordinal), [], []).States();
        Assert.Equal(["crm-1433"], plain.DropListens);
        Assert.Empty(plain.StartDown);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_stopped_line_in_the_state_file_starts_a_server_down_in_the_real_haproxy()
    {
        // HAProxy 2.6 starts a server without saved state UP until its first check; the stopped line keeps one down until
        // its checks pass (rise 2), whatever its check would say.
        using var folder = new TempDirectory();
        var backend = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        backend.Start();
        var port = ((System.Net.IPEndPoint)backend.LocalEndpoint).Port;
        File.WriteAllText(folder.Combine("state"), "1\n# be_id be_name srv_id srv_name srv_addr\n" + HaproxyRuntime.StoppedLine("orders-5432", "held", port) + "\n");
        try
        {
            using var haproxy = LoopbackHaproxy.Start(
                folder,
                "orders-5432",
                $"    balance first\n    default-server inter 2s fall 2 rise 2\n    server held 127.0.0.1:{port} check\n    server fresh 127.0.0.1:{port} check\n",
                global: "    server-state-file " + folder.Combine("state") + "\n",
                defaults: "    load-server-state-from-file global\n");

            // show servers state: be_id be_name srv_id srv_name srv_addr srv_op_state ... (0 stopped, 2 running).
            var answer = await haproxy.WaitForAsync("show servers state orders-5432", a => a.Contains(" orders-5432 ", System.StringComparison.Ordinal));
            var states = answer.Split('\n').Select(l => l.Split(' ')).Where(f => f.Length > 5 && f[1] == "orders-5432").ToDictionary(f => f[3], f => f[5]);
            Assert.Equal("0", states["held"]);
            Assert.Equal("2", states["fresh"]);
            Assert.Contains("Server orders-5432/held is DOWN, changed from server-state", haproxy.Output, System.StringComparison.Ordinal);
            Assert.False(haproxy.Output.Contains("server-state application failed", System.StringComparison.Ordinal) || haproxy.Output.Contains("partially applied", System.StringComparison.Ordinal), haproxy.Output);
        }
        finally
        {
            backend.Stop();
        }
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
