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

    /// <summary>Checks one endpoint live: name → VIP, TCP to name:port and VIP:port, then the engine's handshake through VIP:port.</summary>
    public static async Task<EndpointVerification> RunAsync(TopologyModel model, EndpointDeclaration endpoint, NameResolution resolution, TimeSpan timeout, CancellationToken cancellation)
    {
        var name = endpoint.Name!.ToLowerInvariant() + "." + ZoneWriter.Origin;
        var vipText = model.VipOf(endpoint)!.Address!;
        var vip = IPAddress.Parse(vipText);
        var port = endpoint.Port!.Value;
        var engine = endpoint.Engine ?? Engine.Tcp;
        var results = new Dictionary<string, CheckResult>(StringComparer.Ordinal);

        var answer = await resolution.ResolveAsync(name, cancellation);
        results[Checks.Dns] = Resolves(answer, vip, resolution.Source);

        var connectName = answer.Error is null
            ? Task.WhenAll(answer.Addresses.Select(a => TcpConnect.CheckAsync(new IPEndPoint(a, port), timeout, cancellation)))
            : Task.FromResult<CheckResult[]>([]);
        var connectVip = TcpConnect.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation);
        var probe = engine switch
        {
            Engine.PostgreSql => PostgreSqlProbe.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation),
            Engine.SqlServer => TdsPreloginProbe.CheckAsync(new IPEndPoint(vip, port), timeout, cancellation),
            _ => Task.FromResult(CheckResult.NotRun("no protocol probe for " + engine + ": the TCP connect is the check")),
        };

        var byName = await connectName;
        results[Checks.TcpName] = answer.Error is not null
            ? CheckResult.NotRun("the name did not resolve")
            : byName.FirstOrDefault(r => r.Outcome == CheckOutcome.Failed) ?? byName[0];
        results[Checks.TcpVip] = await connectVip;
        results[Checks.Probe] = await probe;
        return new EndpointVerification(name, vipText, port, engine, results);
    }

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
