using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>
/// verify's role column against the real PostgreSQL of the loopback estate (a primary: not in recovery): psql logs in
/// through the "VIP" and asks pg_is_in_recovery(). A write endpoint there passes; a replica endpoint there fails, naming
/// the node it reached. (The rehearsal checks the same through HAProxy, before and after a switchover.)
/// </summary>
[Collection(LoopbackEstate.Collection)]
public sealed class VerifyRoleTests(LoopbackEstate estate)
{
    [Fact]
    public async Task A_write_endpoint_that_reaches_the_primary_passes_the_role_check()
    {
        await using var cluster = await ClusterEstate.StartAsync(estate, "ClusterRole.Primary");
        var verify = cluster.Verify("--pg-user", "postgres");

        Assert.True(verify.ExitCode == Cli.Ok, verify.Output);
        Assert.Contains("| endpoint | VIP | port | engine | dns | tcp-name | tcp-vip | probe | role |", verify.StandardOutput);
        Assert.Contains($"| ledger.db.lef | 127.0.1.10 | {estate.Postgres.Port} | PostgreSql | ok | ok | ok | ok | ok |", verify.StandardOutput);
    }

    [Fact]
    public async Task A_replica_endpoint_that_reaches_the_primary_fails_the_role_check_and_exits_5()
    {
        await using var cluster = await ClusterEstate.StartAsync(estate, "ClusterRole.Replica");
        var verify = cluster.Verify("--pg-user", "postgres");

        Assert.Equal(Lef.Infra.Emit.Verification.VerifyCommand.Failed, verify.ExitCode);
        Assert.Contains($"| ledger.db.lef | 127.0.1.10 | {estate.Postgres.Port} | PostgreSql | ok | ok | ok | ok | FAIL |", verify.StandardOutput);
        Assert.Contains("role: reached 127.0.1.10, which is not in recovery (the primary): the replica endpoint routes to the primary", verify.StandardOutput);
    }

    [Fact]
    public async Task Without_a_user_the_role_is_not_checked_and_says_how()
    {
        await using var cluster = await ClusterEstate.StartAsync(estate, "ClusterRole.Replica");
        var verify = cluster.Verify();

        Assert.True(verify.ExitCode == Cli.Ok, verify.Output);
        Assert.Contains($"| ok | ok | ok | ok | - |", verify.StandardOutput);
    }

    [Fact]
    public async Task A_role_the_login_cannot_take_fails_with_psqls_reason()
    {
        await using var cluster = await ClusterEstate.StartAsync(estate, "ClusterRole.Primary");
        var verify = cluster.Verify("--pg-user", "nobody_here");

        Assert.Equal(Lef.Infra.Emit.Verification.VerifyCommand.Failed, verify.ExitCode);
        Assert.Contains("role: psql 127.0.1.10:" + estate.Postgres.Port + " as nobody_here: ", verify.StandardOutput);
        Assert.Contains("nobody_here", verify.StandardOutput);
    }

    /// <summary>A topology whose one endpoint is on a cluster, at the loopback PostgreSQL, with its own named.</summary>
    private sealed class ClusterEstate : System.IAsyncDisposable
    {
        private readonly TempDirectory directory = new();
        private TopologySources topology = null!;
        private NamedServer named = null!;
        private IPEndPoint nameServer = null!;

        public static async Task<ClusterEstate> StartAsync(LoopbackEstate estate, string role)
        {
            var cluster = new ClusterEstate();
            cluster.topology = TopologySources.Compile(new Dictionary<string, string>
            {
                ["Estate.cs"] = string.Create(CultureInfo.InvariantCulture, $$"""
                    using Lef.Infra.Dsl;
                    namespace Loopback;
                    public static class Estate
                    {
                        public static readonly VipPool Pool = new(Host: "proxy.loopback.lef", Interface: "lo", Network: "127.0.1.0/24", First: "127.0.1.10", Last: "127.0.1.20");
                        public static readonly Vip Ledger = new(Pool: Pool, Address: "{{LoopbackEstate.PostgreSqlVip}}", Alias: 1);
                        public static readonly Cluster Pg = new(Name: "pg", Engine: Engine.PostgreSql,
                            Nodes: [new ClusterNode("pg-1.core.lef", 5432, 8008), new ClusterNode("pg-2.core.lef", 5432, 8008)], Check: RoleCheck.PatroniRest);
                        public static readonly Endpoint LedgerDb = new(Name: "ledger", Vip: Ledger, Port: {{estate.Postgres.Port}}, Cluster: Pg, Role: {{role}});
                    }
                    """),
            });
            var deploy = cluster.directory.Combine("deploy");
            var emit = Emitter.Run("emit", "--topology", cluster.topology.Directory, "--out", deploy);
            Assert.True(emit.ExitCode == Cli.Ok, emit.Output);
            cluster.nameServer = new IPEndPoint(IPAddress.Loopback, LoopbackEstate.FreePort(IPAddress.Loopback));
            var zone = $$"""zone "db.lef" { type primary; file "{{Path.Combine(deploy, "dns", "db.lef.zone")}}"; };""";
            cluster.named = await NamedServer.StartAsync(cluster.directory.Combine("named"), cluster.nameServer, zone);
            return cluster;
        }

        public ToolResult Verify(params string[] arguments) =>
            Emitter.Run(["verify", "--topology", topology.Directory, "--dns-server", nameServer.ToString(), .. arguments]);

        public ValueTask DisposeAsync()
        {
            named?.Dispose();
            topology?.Dispose();
            directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
