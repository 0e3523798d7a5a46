using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Verification;

/// <summary>Every check of one endpoint, in <see cref="Checks.All"/> order.</summary>
internal sealed record EndpointVerification(string Name, string Vip, int Port, Engine Engine, IReadOnlyDictionary<string, CheckResult> Results)
{
    public string Address => Name + ":" + Port.ToString(CultureInfo.InvariantCulture);

    public bool Passed => Results.Values.All(r => r.Outcome != CheckOutcome.Failed);

    /// <summary>
    /// Checks one endpoint live within <paramref name="timeout"/> altogether: the name lookup, TCP to VIP:port and the engine's
    /// handshake through it start at once; TCP to name:port follows the lookup, and the role query the probe, in the time left.
    /// </summary>
    public static async Task<EndpointVerification> RunAsync(
        TopologyModel model, EndpointDeclaration endpoint, NameResolution resolution, TimeSpan timeout, CancellationToken cancellation, RoleSettings? roles = null)
    {
        var name = endpoint.Name!.ToLowerInvariant() + "." + ZoneWriter.Origin;
        var vipText = model.VipOf(endpoint)!.Address!;
        var vip = IPAddress.Parse(vipText);
        var port = endpoint.Port!.Value;
        var engine = model.EngineOf(endpoint) ?? Engine.Tcp;
        var results = new Dictionary<string, CheckResult>(StringComparer.Ordinal);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var lookup = resolution.ResolveAsync(name, cancellation);
        var connectVip = TcpConnect.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation);
        var probe = engine switch
        {
            Engine.PostgreSql => PostgreSqlProbe.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation),
            Engine.SqlServer => TdsPreloginProbe.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation),
            Engine.MySql => MySqlProbe.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation),
            Engine.Redis => RedisProbe.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation),
            _ => Task.FromResult(CheckResult.NotRun("no protocol probe for " + engine + ": the TCP connect is the check")),
        };
        var role = roles is null ? null : RoleAsync(model, endpoint, engine, new IPEndPoint(vip, port), probe, roles, timeout, started, cancellation);

        var answer = await lookup;
        results[Checks.Dns] = Resolves(answer, vip, resolution.Source);
        var left = timeout - started.Elapsed;
        var byName = answer.Error is not null ? []
            : left <= TimeSpan.Zero ? answer.Addresses.Select(a => CheckResult.Fail(new IPEndPoint(a, port) + ": no time left after the name lookup (--timeout " + TcpConnect.Seconds(timeout) + ")")).ToArray()
            : await Task.WhenAll(answer.Addresses.Select(a => TcpConnect.CheckAsync(new IPEndPoint(a, port), left, cancellation)));
        results[Checks.TcpName] = answer.Error is not null
            ? CheckResult.NotRun("the name did not resolve")
            : byName.FirstOrDefault(r => r.Outcome == CheckOutcome.Failed) ?? byName[0];
        results[Checks.TcpVip] = await connectVip;
        results[Checks.Probe] = await probe;
        if (role is not null)
        {
            results[Checks.Role] = await role;
        }

        return new EndpointVerification(name, vipText, port, engine, results);
    }

    /// <summary>
    /// The role query follows the probe, in the time it left (the lookup may still be waiting): it is a login, which a
    /// backend that does not answer cannot take.
    /// </summary>
    private static async Task<CheckResult> RoleAsync(
        TopologyModel model, EndpointDeclaration endpoint, Engine engine, IPEndPoint target, Task<CheckResult> probe, RoleSettings roles, TimeSpan timeout,
        System.Diagnostics.Stopwatch started, CancellationToken cancellation)
    {
        if (model.ClusterOf(endpoint) is not { } cluster)
        {
            return CheckResult.NotRun("one backend: no role to check");
        }

        if (engine != Engine.PostgreSql)
        {
            return CheckResult.NotRun("no role query for " + engine + "; HAProxy's role check (" + cluster.Check + ") decides where it routes");
        }

        if ((await probe).Outcome == CheckOutcome.Failed)
        {
            return CheckResult.NotRun("the probe failed");
        }

        var left = timeout - started.Elapsed;
        return left <= TimeSpan.Zero
            ? CheckResult.Fail("no time left after the probe (--timeout " + TcpConnect.Seconds(timeout) + ")")
            : await RoleQuery.CheckAsync(target, endpoint.Role ?? ClusterRole.Primary, endpoint.MaxLagBytes, roles.User, left, cancellation);
    }

    /// <summary>Whether verify checks roles (some endpoint is on a cluster), and whom it logs in as; null: no role column.</summary>
    internal sealed record RoleSettings(string? User);

    private static CheckResult Resolves(DnsAnswer answer, IPAddress vip, string source)
    {
        if (answer.Error is not null)
        {
            return CheckResult.Fail(answer.Error + " (asked " + source + ")");
        }

        var addresses = string.Join(", ", answer.Addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal));
        return answer.Addresses.All(a => a.Equals(vip)) && answer.Addresses.Count > 0
            ? CheckResult.Pass("resolves to " + addresses)
            : CheckResult.Fail("resolves to " + addresses + ", expected only the VIP " + vip + " (asked " + source + ")");
    }
}
