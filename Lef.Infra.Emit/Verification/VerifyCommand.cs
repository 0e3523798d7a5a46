using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Verification;

/// <summary>
/// <c>verify</c>, the runbook's step 6 made repeatable: for each endpoint, its name resolves to its VIP, TCP connects to
/// name:port and VIP:port, and the engine's handshake gets an answer through the VIP.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>A live check failed; 4 (bad arguments) covers an unknown --endpoint or a --dns-server that is not an address.</summary>
    public const int Failed = 5;

    public static readonly ExitCode FailedCode = new(Failed, "verify: a live check failed (each failure is named: dns, tcp-name, tcp-vip, probe or role)");

    /// <summary>The longest --timeout: five minutes per endpoint is already far past any check worth waiting for.</summary>
    public const double MaxTimeoutSeconds = 300;

    public const double DefaultTimeoutSeconds = 3;

    public static Command Create(Option<string?> topologyOption, Func<string?, LoadedTopology?> load, TextWriter output, TextWriter errors)
    {
        var endpointOption = new Option<string?>("--endpoint") { Description = "Check only this endpoint (its name, as in <name>.db.lef)." };
        var dnsServerOption = new Option<string?>("--dns-server") { Description = "Resolve names through this DNS server (IP or IP:port) instead of the system resolver." };
        var timeoutOption = new Option<string?>("--timeout")
        {
            Description = "Seconds all checks of one endpoint may take together (default 3; more than 0, at most 300; a dot for decimals, whatever the locale).",
        };
        var pgUserOption = new Option<string?>("--pg-user")
        {
            Description = "For endpoints on a PostgreSQL cluster: log in through the VIP as this role and check that the node reached holds the endpoint's role "
                + "(select pg_is_in_recovery(): false for Role Primary, true for Replica), and for a Replica with MaxLagBytes that its replay is within "
                + "the bound of the WAL it received. Runs psql; the password comes from PGPASSWORD or ~/.pgpass.",
        };
        var command = new Command(
            "verify",
            "Check the live endpoints: name resolves to the VIP, TCP to name:port and VIP:port, PostgreSQL SSLRequest / SQL Server PRELOGIN through the VIP.")
        {
            endpointOption, dnsServerOption, timeoutOption, pgUserOption, topologyOption,
        }.WithExitCodes(
            new(Cli.Ok, "every check passed"),
            Cli.TopologyBreaksARule,
            Cli.TopologyCannotBeRead,
            new(Cli.Usage, "bad arguments (--endpoint names no endpoint, --dns-server is not an IP[:port], --timeout is not a number of seconds above 0 and at most 300)"),
            FailedCode,
            Cli.UnexpectedFailure);
        command.SetAction(parse =>
        {
            if (!TryParseTimeout(parse.GetValue(timeoutOption), out var timeout))
            {
                errors.WriteLine("error: --timeout must be a number of seconds above 0 and at most " + MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)
                    + " (e.g. 1.5), not '" + parse.GetValue(timeoutOption) + "'");
                return Cli.Usage;
            }

            if (load(parse.GetValue(topologyOption)) is not { } topology)
            {
                return Cli.CannotLoad;
            }

            return RunAsync(topology, parse.GetValue(endpointOption), parse.GetValue(dnsServerOption), timeout, parse.GetValue(pgUserOption), output, errors)
                .GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Seconds as a dot-decimal number in the invariant culture (never the locale's comma), finite, above 0, at most <see cref="MaxTimeoutSeconds"/>.</summary>
    public static bool TryParseTimeout(string? text, out TimeSpan timeout)
    {
        timeout = TimeSpan.FromSeconds(DefaultTimeoutSeconds);
        if (text is null)
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds <= 0 || seconds > MaxTimeoutSeconds)
        {
            return false;
        }

        timeout = TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static async Task<int> RunAsync(LoadedTopology topology, string? endpointName, string? dnsServer, TimeSpan timeout, string? pgUser, TextWriter output, TextWriter errors)
    {
        foreach (var violation in topology.Violations)
        {
            errors.WriteLine(violation.Format(violation.Site.Path));
        }

        if (!topology.IsValid)
        {
            errors.WriteLine("The topology is invalid: fix it before verifying the live endpoints.");
            return Cli.InvalidTopology;
        }

        IPEndPoint? server = null;
        if (dnsServer is not null && !NameResolution.TryParseServer(dnsServer, out server))
        {
            errors.WriteLine("error: --dns-server must be an IP address or IP:port, not '" + dnsServer + "'");
            return Cli.Usage;
        }

        var model = topology.Model;
        var endpoints = model.Endpoints
            .Where(e => endpointName is null || string.Equals(e.Name, endpointName, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(e.Name + "." + ZoneWriter.Origin, endpointName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Port)
            .ToList();
        if (endpoints.Count == 0)
        {
            errors.WriteLine("error: no endpoint named '" + endpointName + "'; `list` shows them");
            return Cli.Usage;
        }

        var resolution = new NameResolution(server, timeout);
        var roles = endpoints.Any(e => model.ClusterOf(e) is not null) ? new EndpointVerification.RoleSettings(pgUser) : null;
        var results = await Task.WhenAll(endpoints.Select(e => EndpointVerification.RunAsync(model, e, resolution, timeout, CancellationToken.None, roles)));
        VerificationTable.Write(results, output);
        return results.All(r => r.Passed) ? Cli.Ok : Failed;
    }
}
