using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// A numbered, complete set of a host's deployed files, kept under <see cref="HostLayout.GenerationsDirectory"/>/N/files at
/// their live paths. Files are staged into a new generation before anything live changes; the last few are kept for rollback.
/// </summary>
internal static class Generation
{
    public static string Folder(int number) => HostLayout.GenerationsDirectory + "/" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where a live file of generation <paramref name="number"/> is staged.</summary>
    public static string Staged(int number, string livePath) => Folder(number) + "/files" + livePath;

    /// <summary>The live generation's number (null before the first apply) and every kept generation's, ascending.</summary>
    public static async Task<(int? Current, IReadOnlyList<int> Kept)> ListAsync(HostSession session)
    {
        var output = await session.RunAsync(
            "list generations",
            "mkdir -p " + HostLayout.GenerationsDirectory + " || return 3\n"
            + "printf 'current %s\\n' \"$(cat " + HostLayout.CurrentFile + " 2>/dev/null)\"\n"
            + "ls " + HostLayout.GenerationsDirectory);
        int? current = null;
        var kept = new List<int>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("current", StringComparison.Ordinal))
            {
                current = int.TryParse(line[7..].Trim(), CultureInfo.InvariantCulture, out var c) ? c : null;
            }
            else if (int.TryParse(line, CultureInfo.InvariantCulture, out var n))
            {
                kept.Add(n);
            }
        }

        kept.Sort();
        return (current, kept);
    }

    /// <summary>
    /// Stages <paramref name="target"/> as the next generation. The live files first become a generation of their own when
    /// no kept generation holds them, so there is always one to roll back to. Nothing live is touched.
    /// </summary>
    public static async Task<StagedApply> StageNextAsync(HostSession session, SortedDictionary<string, string?> live, SortedDictionary<string, string?> target, string description)
    {
        var (current, kept) = await ListAsync(session);
        var previous = current;
        if (current is null || !Same(await ReadAsync(session, current.Value, live.Keys), live))
        {
            previous = (kept.Count == 0 ? 0 : kept[^1]) + 1;
            await StageAsync(session, previous.Value, live, "adopted: the live files as found before an apply");

            // Before a hand edit, the generation the edit was made to; before the first apply, none.
            await SetPredecessorAsync(session, previous.Value, current);
            kept = [.. kept, previous.Value];
        }

        var next = kept[^1] + 1;
        await StageAsync(session, next, target, description);
        await SetPredecessorAsync(session, next, previous);
        var changed = target.Where(f => live.GetValueOrDefault(f.Key) != f.Value).Select(f => f.Key).ToList();
        return new StagedApply(session, live, target, changed, previous!.Value, next, [.. kept, next]);
    }

    /// <summary>Writes a generation's files and its one-line description; the live files are not touched.</summary>
    public static Task StageAsync(HostSession session, int number, IReadOnlyDictionary<string, string?> files, string description)
    {
        var script = new StringBuilder("rm -rf " + Shell.Quote(Folder(number)) + " && mkdir -p " + Shell.Quote(Folder(number) + "/files") + " || return 3\n");
        foreach (var (path, content) in files.Where(f => f.Value is not null))
        {
            var staged = Staged(number, path);
            script.Append("mkdir -p ").Append(Shell.Quote(staged[..staged.LastIndexOf('/')])).Append(" && ").Append(Shell.WriteFile(staged, content!)).Append(" || return 3\n");
        }

        script.Append(Shell.WriteFile(Folder(number) + "/meta", description + "\n")).Append('\n');
        return session.RunAsync("stage generation " + number.ToString(CultureInfo.InvariantCulture) + " in " + Folder(number), script.ToString());
    }

    /// <summary>
    /// What each kept generation records of the one that was live before it (<c>generations/N/previous</c>): a number,
    /// <c>none</c> (the live files adopted at the first apply), or nothing (staged by an older lef-infra). One read for all.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, string>> PredecessorsAsync(HostSession session)
    {
        var output = await session.RunAsync(
            "read the generations' predecessors",
            "for d in " + HostLayout.GenerationsDirectory + "/*; do [ -f \"$d/previous\" ] && printf '%s %s\\n' \"${d##*/}\" \"$(cat \"$d/previous\")\"; done; true");
        var records = new Dictionary<int, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.Split(' ') is [var number, var previous] && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                records[n] = previous;
            }
        }

        return records;
    }

    /// <summary>
    /// The generation a rollback from <paramref name="number"/> goes to: the one live when it was applied (a generation that
    /// failed and was rolled back never was, so it is skipped; a rollback's generation records the one before its target, so
    /// a second rollback goes further back); null for none. One staged by an older lef-infra records nothing: the newest
    /// kept generation below it.
    /// </summary>
    public static int? Before(int number, IReadOnlyDictionary<int, string> records, IReadOnlyList<int> kept) =>
        records.TryGetValue(number, out var recorded)
            ? int.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out var previous) ? previous : null
            : kept.Where(n => n < number).Select(n => (int?)n).LastOrDefault();

    /// <summary>Records the generation a rollback from <paramref name="number"/> goes to; null: there is none.</summary>
    public static Task SetPredecessorAsync(HostSession session, int number, int? previous) =>
        session.RunAsync(
            "record generation " + number.ToString(CultureInfo.InvariantCulture) + "'s predecessor",
            Shell.WriteFile(Folder(number) + "/previous", (previous?.ToString(CultureInfo.InvariantCulture) ?? "none") + "\n"));

    /// <summary>The files of a kept generation, by live path.</summary>
    public static async Task<SortedDictionary<string, string?>> ReadAsync(HostSession session, int number, IEnumerable<string> livePaths)
    {
        var staged = await LiveFiles.ReadAsync(session, livePaths.Select(p => Staged(number, p)));
        var prefix = Folder(number) + "/files";
        return new SortedDictionary<string, string?>(staged.ToDictionary(f => f.Key[prefix.Length..], f => f.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// Puts a generation's files in place, each atomically (a copy beside it, then a rename over it); a file the generation
    /// does not have is removed. Then records it as the live generation.
    /// </summary>
    public static Task SwapInAsync(HostSession session, int number, IReadOnlyDictionary<string, string?> files)
    {
        var script = new StringBuilder();
        foreach (var (path, content) in files)
        {
            var next = path + ".lef-next";
            script.Append(content is null
                ? "rm -f " + Shell.Quote(path) + " || return 3\n"
                : "mkdir -p " + Shell.Quote(path[..path.LastIndexOf('/')]) + " && cp " + Shell.Quote(Staged(number, path)) + " " + Shell.Quote(next)
                  + " && mv -f " + Shell.Quote(next) + " " + Shell.Quote(path) + " || { rm -f " + Shell.Quote(next) + "; echo 'cannot replace " + path + "'; return 3; }\n");
        }

        script.Append("echo " + number.ToString(CultureInfo.InvariantCulture) + " > " + HostLayout.CurrentFile + ".next && mv -f " + HostLayout.CurrentFile + ".next " + HostLayout.CurrentFile);
        return session.RunAsync("swap in generation " + number.ToString(CultureInfo.InvariantCulture), script.ToString());
    }

    private static bool Same(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b) =>
        a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var other) && other == f.Value);

    /// <summary>
    /// Keeps the live generation and the ones successive rollbacks would go to, <paramref name="keep"/> in all (at least
    /// two: a rollback must have somewhere to go); removes the others, generations that failed or were refused first of all,
    /// since they were never live and nothing goes back to them.
    /// </summary>
    public static async Task PruneAsync(HostSession session, IReadOnlyList<int> kept, int current, int keep)
    {
        var records = await PredecessorsAsync(session);
        var chain = new List<int>();
        for (int? next = current; next is { } number && kept.Contains(number) && !chain.Contains(number) && chain.Count < Math.Max(keep, 2); next = Before(number, records, kept))
        {
            chain.Add(number);
        }

        var remove = kept.Except(chain).ToList();
        if (remove.Count > 0)
        {
            await session.RunAsync("prune generations", "rm -rf " + string.Join(' ', remove.Select(n => Shell.Quote(Folder(n)))));
        }
    }
}

/// <summary>A host's next generation, staged and (once checked) ready to swap in; the one before it is what a failure goes back to.</summary>
internal sealed record StagedApply(
    HostSession Session,
    SortedDictionary<string, string?> Live,
    SortedDictionary<string, string?> Target,
    IReadOnlyList<string> Changed,
    int Previous,
    int Next,
    IReadOnlyList<int> Kept);
