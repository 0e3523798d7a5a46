using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Lef.Infra.Emit.Verification;

/// <summary>The verify report: a Markdown table with a column per check, then one line per failed check saying why.</summary>
internal static class VerificationTable
{
    public static void Write(IReadOnlyList<EndpointVerification> endpoints, TextWriter output)
    {
        output.WriteLine("| endpoint | VIP | port | engine | " + string.Join(" | ", Checks.All) + " |");
        output.WriteLine("| --- | --- | --- | --- |" + string.Concat(Checks.All.Select(_ => " --- |")));
        foreach (var endpoint in endpoints)
        {
            output.WriteLine($"| {endpoint.Name} | {endpoint.Vip} | {endpoint.Port} | {endpoint.Engine} | "
                             + string.Join(" | ", Checks.All.Select(c => endpoint.Results[c].Cell)) + " |");
        }

        output.WriteLine();
        foreach (var endpoint in endpoints)
        {
            foreach (var check in Checks.All.Where(c => endpoint.Results[c].Outcome == CheckOutcome.Failed))
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
