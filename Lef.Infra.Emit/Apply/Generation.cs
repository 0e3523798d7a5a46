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

    /// <summary>Removes all but the newest <paramref name="keep"/> generations, never the live one.</summary>
    public static Task PruneAsync(HostSession session, IReadOnlyList<int> kept, int current, int keep)
    {
        var remove = kept.Where(n => n != current).OrderDescending().Skip(Math.Max(0, keep - 1)).ToList();
        return remove.Count == 0
            ? Task.CompletedTask
            : session.RunAsync("prune generations", "rm -rf " + string.Join(' ', remove.Select(n => Shell.Quote(Folder(n)))));
    }
}
