using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Lef.Infra.Emit.Writers;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// What the emitted PostgreSQL health check proves, measured with a real PostgreSQL 15 and a real HAProxy on loopback: one
/// backend per pg_hba method and role, each checking with the emitted <c>option pgsql-check user ROLE</c>. HAProxy counts
/// any authentication request as up, and PostgreSQL sends one before it looks the role up (trust, md5, scram-sha-256 alike),
/// so only an error answer (pg_hba reject, no pg_hba entry) marks the server down.
/// </summary>
public sealed class PgsqlCheckTests
{
    [Fact]
    public async Task Pgsql_check_is_up_for_every_auth_request_whether_or_not_the_role_exists_and_down_on_a_pg_hba_refusal()
    {
        using var directory = new TempDirectory();
        var port = FreePort();
        using var postgres = await PostgresServer.InitAsync(directory.Combine("pg"), "127.0.0.1", port);
        File.WriteAllText(Path.Combine(postgres.DataDirectory, "pg_hba.conf"), """
            local all postgres trust
            host all trust_role,trust_norole,haproxy 127.0.0.1/32 trust
            host all md5_role,md5_norole 127.0.0.1/32 md5
            host all scram_role,scram_norole 127.0.0.1/32 scram-sha-256
            host all reject_role,reject_norole 127.0.0.1/32 reject

            """);
        await postgres.StartAsync();
        var roles = await postgres.SqlAsync(
            "create role trust_role login; create role md5_role login password 'x'; create role scram_role login password 'x'; create role reject_role login;");
        Assert.True(roles.ExitCode == 0, roles.Output);

        // The emitted check line, with the role varied per backend: the role is all pgsql-check sends (the database defaults to it).
        var emitted = HaproxyConfigWriter.PostgreSqlCheckLine(HaproxyConfigWriter.PostgreSqlCheckUser);
        Assert.Equal("    option pgsql-check user haproxy", emitted);
        string[] users = ["haproxy", "trust_role", "trust_norole", "md5_role", "md5_norole", "scram_role", "scram_norole", "reject_role", "reject_norole", "unlisted_role"];
        var socketPath = directory.Combine("admin.sock");
        var config = new StringBuilder()
            .Append("global\n    stats socket ").Append(socketPath).Append(" mode 600 level admin\n")
            .Append("defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n    timeout check 5s\n");
        foreach (var user in users)
        {
            config.Append("backend ").Append(user).Append('\n')
                .Append(HaproxyConfigWriter.PostgreSqlCheckLine(user)).Append('\n')
                .Append("    server pg 127.0.0.1:").Append(port.ToString(CultureInfo.InvariantCulture)).Append(" check inter 200ms fall 1 rise 1\n");
        }

        var configFile = directory.Combine("haproxy.cfg");
        File.WriteAllText(configFile, config.ToString());
        using var haproxy = BackgroundProcess.Start("haproxy", ["-db", "-f", configFile]);

        var states = await CheckedStates(socketPath, users.Length, haproxy);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["haproxy"] = "UP L7OK", // no such role, trust: the README's old promise ("a missing role marks it down") does not hold
                ["trust_role"] = "UP L7OK",
                ["trust_norole"] = "UP L7OK",
                ["md5_role"] = "UP L7OK",
                ["md5_norole"] = "UP L7OK",
                ["scram_role"] = "UP L7OK",
                ["scram_norole"] = "UP L7OK",
                ["reject_role"] = "DOWN L7RSP",
                ["reject_norole"] = "DOWN L7RSP",
                ["unlisted_role"] = "DOWN L7RSP",
            },
            states);
        Assert.Contains("role \"haproxy\" does not exist", postgres.Process!.Output);
        Assert.Contains("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"reject_role\"", postgres.Process.Output);
        Assert.Contains("no pg_hba.conf entry for host \"127.0.0.1\", user \"unlisted_role\"", postgres.Process.Output);
    }

    /// <summary>Each backend's server status and last check (<c>show stat</c>), once every server has been checked.</summary>
    private static async Task<Dictionary<string, string>> CheckedStates(string socketPath, int count, BackgroundProcess haproxy)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var states = new Dictionary<string, string>();
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(socketPath))
            {
                states = (await Stat(socketPath))
                    .Where(f => f.Length > 37 && f[1] == "pg" && f[36].TrimStart('*', ' ') is { Length: > 0 } status && !status.StartsWith("INI", StringComparison.Ordinal))
                    .ToDictionary(f => f[0], f => f[17] + " " + f[36].TrimStart('*', ' '));
                if (states.Count == count)
                {
                    return states;
                }
            }

            Assert.False(haproxy.HasExited, "haproxy exited: " + haproxy.Output);
            await Task.Delay(100);
        }

        Assert.Fail("not every server was checked in time: " + string.Join(", ", states.Select(s => s.Key + "=" + s.Value)) + "\n" + haproxy.Output);
        return states;
    }

    private static async Task<List<string[]>> Stat(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes("show stat\n"), SocketFlags.None);
        var text = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString().Split('\n').Select(l => l.Split(',')).ToList();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
