using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>The files a host runs with, at their absolute paths; a missing one is null.</summary>
internal static class LiveFiles
{
    public static async Task<SortedDictionary<string, string?>> ReadAsync(HostSession session, IEnumerable<string> paths)
    {
        var list = paths.Order(StringComparer.Ordinal).ToList();
        var script = "for f in " + string.Join(' ', list.Select(Shell.Quote)) + "; do\n"
            + "  if [ -e \"$f\" ] && [ ! -r \"$f\" ]; then echo \"cannot read $f: permission denied\"; return 3; fi\n"
            + "  if [ -f \"$f\" ]; then printf '@@file %s\\n' \"$f\"; base64 -w0 < \"$f\" || return 3; echo; else printf '@@none %s\\n' \"$f\"; fi\n"
            + "done";
        var output = await session.RunAsync("read live files", script);
        var files = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var lines = output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("@@file ", StringComparison.Ordinal))
            {
                files[lines[i][7..]] = Encoding.UTF8.GetString(Convert.FromBase64String(lines[++i].Trim()));
            }
            else if (lines[i].StartsWith("@@none ", StringComparison.Ordinal))
            {
                files[lines[i][7..]] = null;
            }
        }

        foreach (var path in list.Where(p => !files.ContainsKey(p)))
        {
            throw new HostStepException(session.Host, "read live files", "no answer for " + path);
        }

        return files;
    }

    /// <summary>sha256 over every path and its content (or its absence), in path order: what a plan records.</summary>
    public static string Hash(IReadOnlyDictionary<string, string?> files)
    {
        var text = new StringBuilder();
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(path).Append('\0').Append(content is null ? "-" : "+" + content).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
