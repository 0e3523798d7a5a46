using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// One server row of <c>show stat</c>: its listen, state, last check and sessions. <see cref="Check"/> is the last
/// finished check's status: HAProxy writes "* L7OK" while the next check runs, and the star is dropped.
/// </summary>
internal sealed record ServerStatus(string Listen, string Server, string Status, string Check, string CheckDetail, int Sessions, int ListenSessions)
{
    /// <summary>UP, DOWN, DRAIN or MAINT, without HAProxy's transition suffixes ("UP 1/2").</summary>
    public string State => Status.Split(' ')[0] switch
    {
        "NOLB" => "DRAIN",
        var s => s,
    };
}

/// <summary>Reads the live state of every endpoint from HAProxy's admin socket (<c>show stat</c>, CSV with a header).</summary>
internal static class StatusReader
{
    public static async Task<IReadOnlyList<ServerStatus>> ReadAsync(HostSession session)
    {
        var csv = await session.RunAsync("show stat", HaproxyRuntime.Ask("show stat"));
        return Parse(csv);
    }

    public static IReadOnlyList<ServerStatus> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        if (header is null)
        {
            return [];
        }

        var columns = header[2..].Split(',').Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var rows = lines.Where(l => !l.StartsWith('#')).Select(l => l.Split(',')).Where(r => r.Length >= columns.Count - 1).ToList();
        string Field(string[] row, string name) => columns.TryGetValue(name, out var i) && i < row.Length ? row[i] : string.Empty;
        int Number(string[] row, string name) => int.TryParse(Field(row, name), out var n) ? n : 0;

        var backends = rows.Where(r => r[1] == "BACKEND").ToDictionary(r => r[0], r => Number(r, "scur"), StringComparer.Ordinal);
        return rows
            .Where(r => r[1] is not ("FRONTEND" or "BACKEND"))
            .Select(r => new ServerStatus(
                r[0], r[1], Field(r, "status"), Field(r, "check_status").TrimStart('*', ' '),
                Field(r, "last_chk").Length > 0 ? Field(r, "last_chk") : Field(r, "check_desc"),
                Number(r, "scur"), backends.GetValueOrDefault(r[0])))
            .OrderBy(s => s.Listen, StringComparer.Ordinal)
            .ToList();
    }
}
