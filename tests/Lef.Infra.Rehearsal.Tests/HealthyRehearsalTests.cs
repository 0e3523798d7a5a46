using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>The runbook's promises in the healthy state: VIP up on ens18:n, HAProxy on it, name → VIP, nc and a real SQL client get through.</summary>
public sealed class HealthyRehearsalTests(Rehearsal rehearsal) : IClassFixture<Rehearsal>
{
    [RehearsalFact]
    public async Task Ifup_brings_each_vip_up_as_an_alias_of_ens18_from_the_emitted_stanza()
    {
        Assert.Equal(["ens18:1", "ens18:2"], rehearsal.Ifup.Keys.Order().ToArray());
        var addresses = await rehearsal.Proxy.RunAsync("ip", "-4", "addr", "show", "dev", "ens18");
        foreach (var (alias, ifup) in rehearsal.Ifup)
        {
            Assert.True(ifup.ExitCode == 0, alias + ": " + ifup.Output);
            var vip = rehearsal.Vip(alias == "ens18:1" ? "orders" : "payroll", 0).Address;
            Assert.Matches(@"inet " + Regex.Escape(vip.ToString()) + @"/24 brd 198\.18\.0\.255 scope global secondary " + Regex.Escape(alias) + "\n", addresses.StandardOutput);
            Assert.Contains(alias, File.ReadAllText(Path.Combine(rehearsal.IfupStateDirectory, "ifstate." + alias)));
        }
    }

    [RehearsalFact]
    public async Task Haproxy_accepts_the_emitted_config_and_listens_on_each_vip_port()
    {
        Assert.Contains("Configuration file is valid", rehearsal.HaproxyCheck.Output);
        var listening = await rehearsal.Proxy.RunAsync("ss", "-Hltn");
        Assert.Contains("198.18.0.101:5432", listening.StandardOutput);
        Assert.Contains("198.18.0.102:1433", listening.StandardOutput);

        // One server per listen, no backup: there is nowhere else to route to.
        var servers = await rehearsal.Stats.ServersAsync();
        Assert.Equal(["orders-5432/orders@198.18.1.5", "payroll-1433/payroll@198.18.1.5"], servers.Select(s => s.Backend + "/" + s.Server + "@" + s.Address).Order().ToArray());
        Assert.All(servers, s => Assert.True(s.IsUp && s.LastCheckPassed, s.ToString()));
    }

    [RehearsalFact]
    public async Task Each_name_resolves_to_its_vip_through_named_in_the_internal_view_only()
    {
        var dig = await rehearsal.OnClientAsync("dig", "+short", "@" + Rehearsal.NameServerAddress, "orders.db.lef", "A");
        Assert.Equal("198.18.0.101", dig.StandardOutput.Trim());

        // Split horizon: asked from anywhere but the client, named answers from the external view, which publishes nothing.
        var outside = await rehearsal.Dns.TryRunAsync("dig", "@" + Rehearsal.NameServerAddress, "orders.db.lef", "A");
        Assert.Contains("status: NXDOMAIN", outside.StandardOutput);

        // The system resolver of the client host (its resolv.conf names the rehearsal's named), as psql and nc use it.
        var getent = await rehearsal.OnClientAsync("getent", "ahostsv4", "payroll.db.lef");
        Assert.True(getent.ExitCode == 0, getent.Output);
        Assert.Equal(["198.18.0.102"], getent.StandardOutput.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Distinct().ToArray());
    }

    [RehearsalFact]
    public async Task Nc_reaches_each_endpoint_by_name_and_by_vip_as_the_runbook_checks()
    {
        foreach (var target in new[] { "orders.db.lef 5432", "198.18.0.101 5432", "payroll.db.lef 1433", "198.18.0.102 1433" })
        {
            var nc = await rehearsal.OnClientAsync(["nc", "-vz", "-w", "3", .. target.Split(' ')]);
            Assert.True(nc.ExitCode == 0, "nc -vz " + target + ": " + nc.Output);
            Assert.Contains("succeeded", nc.Output);
        }
    }

    [RehearsalFact]
    public async Task Psql_by_name_goes_through_the_vip_to_the_intended_backend()
    {
        var psql = await rehearsal.PsqlAsync("orders.db.lef", "select 1, inet_server_addr(), inet_client_addr()");

        // The backend sees the proxy as its client, and is the one the topology names.
        Assert.True(psql.ExitCode == 0, psql.Output);
        Assert.Equal("1|" + Rehearsal.DbAddress + "|" + Rehearsal.ProxyBackendAddress, psql.StandardOutput.Trim());
    }

    [RehearsalFact]
    public async Task A_prelogin_through_the_sql_server_vip_reaches_the_responder_behind_it()
    {
        using var socket = rehearsal.Client.Socket();
        await socket.ConnectAsync(rehearsal.Vip("payroll", 1433));
        await socket.SendAsync(Lef.Infra.Emit.Verification.TdsPreloginProbe.Prelogin, SocketFlags.None);
        var reply = new byte[TdsPreloginResponder.Response.Length];
        var read = 0;
        while (read < reply.Length && await socket.ReceiveAsync(reply.AsMemory(read), SocketFlags.None) is var n && n > 0)
        {
            read += n;
        }

        Assert.Equal(TdsPreloginResponder.Response, reply);
        Assert.All(rehearsal.SqlServer.Connections, c => Assert.Equal(Rehearsal.ProxyBackendAddress, c.Remote.Address.ToString()));
    }

    [RehearsalFact]
    public async Task Verify_passes_in_the_healthy_state_through_named_and_through_the_system_resolver()
    {
        foreach (var arguments in new[] { new[] { "--dns-server", Rehearsal.NameServerAddress }, [] })
        {
            var verify = await rehearsal.VerifyAsync(arguments);
            Assert.True(verify.ExitCode == 0, "verify " + string.Join(' ', arguments) + ":\n" + verify.Output);
            Assert.Contains("| orders.db.lef | 198.18.0.101 | 5432 | PostgreSql | ok | ok | ok | ok |", verify.StandardOutput);
            Assert.Contains("| payroll.db.lef | 198.18.0.102 | 1433 | SqlServer | ok | ok | ok | ok |", verify.StandardOutput);
            Assert.Contains("verify: all 2 endpoint(s) passed", verify.StandardOutput);
            Assert.DoesNotContain("FAIL", verify.Output);
        }
    }
}
