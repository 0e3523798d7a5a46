using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>One line per apply or rollback, appended on the host: when, who, which commit, what changed, how it went.</summary>
internal sealed record JournalEntry(DateTimeOffset Time, string User, string Commit, int Generation, IReadOnlyList<string> Files, string Reload, string Verify, string Outcome)
{
    /// <summary>Tab-separated; fields never hold a tab or a newline (they are replaced by spaces).</summary>
    public string Line => string.Join('\t', new[]
    {
        Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), User, Commit,
        "generation=" + Generation.ToString(CultureInfo.InvariantCulture), "files=" + (Files.Count == 0 ? "-" : string.Join(',', Files)),
        "reload=" + Reload, "verify=" + Verify, Outcome,
    }.Select(f => f.Replace('\t', ' ').Replace('\n', ' ')));
}

/// <summary>The host's journal at <see cref="HostLayout.JournalFile"/>.</summary>
internal static class Journal
{
    public static Task AppendAsync(HostSession session, JournalEntry entry) =>
        session.RunAsync("journal " + HostLayout.JournalFile, "mkdir -p " + HostLayout.StateDirectory + " && printf '%s\\n' " + Shell.Quote(entry.Line) + " >> " + HostLayout.JournalFile);

    public static async Task<IReadOnlyList<string>> LastAsync(HostSession session, int count)
    {
        var output = await session.RunAsync("read journal", "[ ! -f " + HostLayout.JournalFile + " ] || tail -n " + count.ToString(CultureInfo.InvariantCulture) + " " + HostLayout.JournalFile);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
