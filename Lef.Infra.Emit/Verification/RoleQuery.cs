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
/// false on a primary, true on a replica, with <c>inet_server_addr()</c> to name the node. On a replica endpoint with a lag
/// bound it also asks how far replay is behind the WAL the node has received, and fails above the bound: HAProxy's check
/// is Patroni's answer, which passes a replica however far behind while its Patroni cannot read the DCS (docs/clusters.md),
/// so verify measures on the node itself. WAL not yet received is not counted: the figure is a lower bound of the lag.
/// It runs the real <c>psql</c>, so every authentication method and ~/.pgpass work as they do for the operator; <c>-w</c>
/// never waits for a password prompt.
/// </summary>
internal static class RoleQuery
{
    public const string Sql = "select pg_is_in_recovery(), inet_server_addr()";

    /// <summary>
    /// For a replica endpoint with a lag bound: also the node's replay backlog, null on a primary and on a replica that has
    /// received no WAL by streaming since it started. Only asked where it is checked, so that the role check of every
    /// other endpoint needs nothing newer than <c>pg_is_in_recovery()</c>.
    /// </summary>
    public const string SqlWithBacklog = Sql + ", pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())";

    /// <param name="maxLagBytes">The replica endpoint's bound (0 or null: none), checked against the node's replay backlog.</param>
    public static async Task<CheckResult> CheckAsync(IPEndPoint vip, ClusterRole role, int? maxLagBytes, string? user, TimeSpan timeout, CancellationToken cancellation)
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
        var sql = role == ClusterRole.Replica && maxLagBytes > 0 ? SqlWithBacklog : Sql;
        foreach (var argument in new[]
        {
            "-X", "-w", "-tA", "-F", " ", "-v", "ON_ERROR_STOP=1", "-c", sql,
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
                ("t", ClusterRole.Replica) => Backlog(node, words.Length > 2 ? words[2] : null, maxLagBytes),
                ("f" or "t", ClusterRole.Any) => CheckResult.Pass("reached " + node + (words[0] == "t" ? ", a replica" : ", the primary")),
                ("t", _) => CheckResult.Fail("reached " + node + ", which is in recovery (a replica): the write endpoint routes to a node that is not the primary"),
                ("f", _) => CheckResult.Fail("reached " + node + ", which is not in recovery (the primary): the replica endpoint routes to the primary"),
                _ => CheckResult.Fail("psql " + vip + " answered '" + OneLine(answer) + "' to " + sql),
            };
        }
    }

    /// <summary>
    /// A replica's replay backlog, as <see cref="SqlWithBacklog"/> gave it (null: the column was empty), against the endpoint's
    /// bound. Over the bound is a failure whatever the cause: brief on a busy primary until HAProxy's check fails the node,
    /// lasting when the node's Patroni cannot read its DCS and passes it however far behind.
    /// </summary>
    internal static CheckResult Backlog(string node, string? backlog, int? maxLagBytes)
    {
        if (maxLagBytes is not > 0)
        {
            return CheckResult.Pass("reached the replica " + node);
        }

        var bound = Bytes(maxLagBytes.Value);
        if (string.IsNullOrEmpty(backlog))
        {
            return CheckResult.Pass("reached the replica " + node + "; it has received no WAL by streaming since it started, so its replay backlog cannot be read on it (bound " + bound + ")");
        }

        if (!decimal.TryParse(backlog, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bytes))
        {
            return CheckResult.Fail("reached the replica " + node + ", which answered '" + backlog + "' for its replay backlog, not a number of bytes");
        }

        // Replay can stand past the last received position (a restart begins receiving at a segment's start): nothing is waiting.
        var behind = Bytes(Math.Max(bytes, 0));
        return bytes > maxLagBytes.Value
            ? CheckResult.Fail("reached the replica " + node + ", whose replay is " + behind + " behind the WAL it received, over the endpoint's bound of " + bound
                + ", and HAProxy routed the login to it: brief on a busy primary, until HAProxy's check fails the node; lasting when its Patroni cannot read the DCS (docs/clusters.md: What the lag bound holds)")
            : CheckResult.Pass("reached the replica " + node + ", replay " + behind + " behind the WAL it received (bound " + bound + ")");
    }

    private static string Bytes(decimal count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    private static string OneLine(string text) => string.Join(" ", text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
