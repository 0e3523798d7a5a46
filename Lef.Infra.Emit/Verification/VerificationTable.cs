using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Lef.Infra.Emit.Verification;

/// <summary>The verify report: a Markdown table with a column per check, then one line per failed check saying why.</summary>
internal static class VerificationTable
{
    public static void Write(IReadOnlyList<EndpointVerification> endpoints, TextWriter output)
    {
        var checks = endpoints.Any(e => e.Results.ContainsKey(Checks.Role)) ? Checks.WithRole : Checks.All;
        output.WriteLine("| endpoint | VIP | port | engine | " + string.Join(" | ", checks) + " |");
        output.WriteLine("| --- | --- | --- | --- |" + string.Concat(checks.Select(_ => " --- |")));
        foreach (var endpoint in endpoints)
        {
            output.WriteLine($"| {endpoint.Name} | {endpoint.Vip} | {endpoint.Port} | {endpoint.Engine} | "
                             + string.Join(" | ", checks.Select(c => endpoint.Results[c].Cell)) + " |");
        }

        output.WriteLine();
        foreach (var endpoint in endpoints)
        {
            foreach (var check in checks.Where(c => endpoint.Results[c].Outcome == CheckOutcome.Failed))
            {
                output.WriteLine("FAIL " + endpoint.Address + " " + check + ": " + endpoint.Results[check].Detail);
            }
        }

        var failed = endpoints.Count(e => !e.Passed);
        output.WriteLine(failed == 0
            ? "verify: all " + endpoints.Count + " endpoint(s) passed"
            : "verify: " + failed + " of " + endpoints.Count + " endpoint(s) failed");
    }
}
