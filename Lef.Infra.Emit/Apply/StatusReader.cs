using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// One server row of <c>show stat</c>: its listen, state, last check and sessions. <see cref="Check"/> is the last
/// finished check's status: HAProxy writes "* L7OK" while the next check runs, and the star is dropped.
/// </summary>
internal sealed partial record ServerStatus(string Listen, string Server, string Status, string Check, string CheckDetail, int Sessions, int ListenSessions)
{
    /// <summary>
    /// UP, DOWN, DRAIN or MAINT, without HAProxy's transition suffix ("UP 1/2" is UP), with its reason ("MAINT (resolution)":
    /// the backend's name did not resolve); "no check" for a server HAProxy does not check.
    /// </summary>
    public string State => Transition().Replace(Status, string.Empty) switch
    {
        "NOLB" => "DRAIN",
        var s => s,
    };

    /// <summary>In maintenance, whatever the reason (<c>MAINT (resolution)</c>, <c>MAINT(via ...)</c>).</summary>
    public bool InMaintenance => State.StartsWith("MAINT", StringComparison.Ordinal);

    /// <summary>In drain or in maintenance, whatever the reason.</summary>
    public bool IsHeld => InMaintenance || State.StartsWith("DRAIN", StringComparison.Ordinal);

    [GeneratedRegex(@" \d+/\d+$")]
    private static partial Regex Transition();
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
        var rows = lines.Where(l => !l.StartsWith('#')).Select(Fields).Where(r => r.Length >= columns.Count - 1).ToList();
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

    /// <summary>One CSV line's fields: HAProxy quotes a field that holds a comma (a check's reason), doubling its quotes.</summary>
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    field.Append('"');
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case var c:
                    field.Append(c);
                    break;
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
