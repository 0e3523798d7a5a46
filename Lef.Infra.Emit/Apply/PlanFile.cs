using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// What <c>plan --save</c> records per host: the hash of the live files it read and of the files it would deploy. apply
/// with <c>--plan</c> refuses a host whose live files (or deployables) are no longer what the plan saw.
/// </summary>
internal sealed record PlanFile(IReadOnlyDictionary<string, (string Live, string Deploy)> Hosts)
{
    private const string Header = "# lef-infra plan: host, sha256 of the live files read, sha256 of the files to deploy";

    public void Save(string path) =>
        File.WriteAllText(path, Header + "\n" + string.Concat(Hosts.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + " live=" + h.Value.Live + " deploy=" + h.Value.Deploy + "\n")));

    /// <summary>Reads a saved plan; a file that is not one is a <see cref="FormatException"/> naming the line.</summary>
    public static PlanFile Load(string path)
    {
        var hosts = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 3 || !parts[1].StartsWith("live=", StringComparison.Ordinal) || !parts[2].StartsWith("deploy=", StringComparison.Ordinal))
            {
                throw new FormatException(path + ":" + number.ToString(CultureInfo.InvariantCulture) + ": not a plan line (HOST live=HASH deploy=HASH)");
            }

            hosts[parts[0]] = (parts[1][5..], parts[2][7..]);
        }

        return new PlanFile(hosts);
    }
}
