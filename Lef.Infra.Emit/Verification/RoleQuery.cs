using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Dsl;

namespace Lef.Infra.Emit.Verification;

/// <summary>
/// Asks the PostgreSQL node an endpoint reaches through its VIP which role it holds: <c>select pg_is_in_recovery()</c>,
/// false on a primary, true on a replica, with <c>inet_server_addr()</c> to name the node. It runs the real <c>psql</c>, so
/// every authentication method and ~/.pgpass work as they do for the operator; <c>-w</c> never waits for a password prompt.
/// </summary>
internal static class RoleQuery
{
    public const string Sql = "select pg_is_in_recovery(), inet_server_addr()";

    public static async Task<CheckResult> CheckAsync(IPEndPoint vip, ClusterRole role, string? user, TimeSpan timeout, CancellationToken cancellation)
    {
        if (user is null)
        {
            return CheckResult.NotRun("give --pg-user to log in through the VIP and ask the node for its role");
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-X", "-w", "-tA", "-F", " ", "-v", "ON_ERROR_STOP=1", "-c", Sql,
            "host=" + vip.Address + " port=" + vip.Port.ToString(CultureInfo.InvariantCulture) + " user=" + user
                + " dbname=postgres connect_timeout=" + seconds + " application_name=lef-infra-verify",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The limit runs from here: starting psql is part of the time given.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return CheckResult.Fail("psql could not be started (" + e.Message + "): install postgresql-client to check roles");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = process.StandardError.ReadToEndAsync(cancellation);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return CheckResult.Fail("psql " + vip + " gave no answer within " + TcpConnect.Seconds(timeout));
            }

            var answer = (await stdout).Trim();
            if (process.ExitCode != 0)
            {
                return CheckResult.Fail("psql " + vip + " as " + user + ": " + OneLine(await stderr));
            }

            var words = answer.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var node = words.Length > 1 ? words[1] : "?";
            return (words.Length > 0 ? words[0] : string.Empty, role) switch
            {
                ("f", ClusterRole.Primary) => CheckResult.Pass("reached the primary " + node),
                ("t", ClusterRole.Replica) => CheckResult.Pass("reached the replica " + node),
                ("f" or "t", ClusterRole.Any) => CheckResult.Pass("reached " + node + (words[0] == "t" ? ", a replica" : ", the primary")),
                ("t", _) => CheckResult.Fail("reached " + node + ", which is in recovery (a replica): the write endpoint routes to a node that is not the primary"),
                ("f", _) => CheckResult.Fail("reached " + node + ", which is not in recovery (the primary): the replica endpoint routes to the primary"),
                _ => CheckResult.Fail("psql " + vip + " answered '" + OneLine(answer) + "' to " + Sql),
            };
        }
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
