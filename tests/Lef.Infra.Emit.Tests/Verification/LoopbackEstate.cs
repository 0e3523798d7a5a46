using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>
/// Real servers on loopback for the verify tests: PostgreSQL on 127.0.1.10, the TDS PRELOGIN responder on 127.0.1.11
/// (each "VIP" is where the server itself listens; there is no proxy here), and named serving the zone the emitter wrote
/// for a topology that declares exactly those VIPs and ports.
/// </summary>
public sealed class LoopbackEstate : IAsyncLifetime
{
    public const string Collection = "loopback estate";

    public static readonly IPAddress PostgreSqlVip = IPAddress.Parse("127.0.1.10");
    public static readonly IPAddress SqlServerVip = IPAddress.Parse("127.0.1.11");

    private readonly TempDirectory directory = new();
    private NamedServer? named;

    public PostgresServer Postgres { get; private set; } = null!;

    public TdsPreloginResponder SqlServer { get; private set; } = null!;

    public IPEndPoint NameServer { get; private set; } = null!;

    internal TopologySources Topology { get; private set; } = null!;

    public IPEndPoint PostgreSqlEndPoint => new(PostgreSqlVip, Postgres.Port);

    /// <summary>A loopback port nothing listens on.</summary>
    public static int FreePort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async Task InitializeAsync()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(SqlServerVip, 0));
        listener.Listen(16);
        SqlServer = new TdsPreloginResponder(listener);

        Postgres = await PostgresServer.InitAsync(directory.Combine("postgres"), PostgreSqlVip.ToString(), FreePort(PostgreSqlVip));
        await Postgres.StartAsync();

        Topology = TopologySources.Compile(new Dictionary<string, string>
        {
            ["Estate.cs"] = string.Create(CultureInfo.InvariantCulture, $$"""
                using Lef.Infra.Dsl;
                namespace Loopback;
                public static class Estate
                {
                    public static readonly VipPool Pool = new(Host: "proxy.loopback.lef", Interface: "lo", Network: "127.0.1.0/24", First: "127.0.1.10", Last: "127.0.1.20");
                    public static readonly Vip Ledger = new(Pool: Pool, Address: "{{PostgreSqlVip}}", Alias: 1);
                    public static readonly Vip Payroll = new(Pool: Pool, Address: "{{SqlServerVip}}", Alias: 2);
                    public static readonly Endpoint LedgerDb = new(Name: "ledger", Vip: Ledger, Port: {{Postgres.Port}}, Engine: Engine.PostgreSql, Backend: new Backend(Host: "pg-ledger.core.lef", Port: 5432));
                    public static readonly Endpoint PayrollDb = new(Name: "payroll", Vip: Payroll, Port: {{SqlServer.EndPoint.Port}}, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-payroll.core.lef", Port: 1433));
                }
                """),
        });
        var deploy = directory.Combine("deploy");
        var emit = Emitter.Run("emit", "--topology", Topology.Directory, "--out", deploy);
        Assert.True(emit.ExitCode == Cli.Ok, emit.Output);

        NameServer = new IPEndPoint(IPAddress.Loopback, FreePort(IPAddress.Loopback));
        var zone = $$"""zone "db.lef" { type primary; file "{{Path.Combine(deploy, "dns", "db.lef.zone")}}"; };""";
        named = await NamedServer.StartAsync(directory.Combine("named"), NameServer, zone);
    }

    /// <summary><c>lef-infra verify</c> in-process for the loopback topology, with the given arguments.</summary>
    public ToolResult Verify(params string[] arguments) =>
        Emitter.Run(["verify", "--topology", Topology.Directory, .. arguments]);

    public Task DisposeAsync()
    {
        named?.Dispose();
        Postgres?.Dispose();
        SqlServer?.Dispose();
        Topology?.Dispose();
        directory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>One loopback estate (one PostgreSQL, one named) for every verify test.</summary>
[CollectionDefinition(LoopbackEstate.Collection)]
public sealed class LoopbackEstateCollection : ICollectionFixture<LoopbackEstate>;
