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
                var path = lines[i][7..];
                files[path] = Text(session, path, Convert.FromBase64String(lines[++i].Trim()));
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

    /// <summary>
    /// A file's text. Apply keeps files as text (a generation is the files as they were), so one that is not UTF-8 is
    /// refused before anything changes: decoded anyway, its odd bytes would become U+FFFD, and a rollback to the
    /// generation adopted from it would write other bytes than the host had.
    /// </summary>
    private static string Text(HostSession session, string path, byte[] bytes)
    {
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new HostStepException(session.Host, "read live files", path + " is not UTF-8 text (byte " + (e.Index + 1) + " of " + bytes.Length
                + "), which apply cannot keep as it is for a rollback; convert it (iconv -t UTF-8) or remove the bytes, then apply again");
        }
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Where apply's interfaces files live on a proxy host, each <c>lef-&lt;interface&gt;</c>.</summary>
    public const string InterfacesDirectory = "/etc/network/interfaces.d";

    /// <summary>
    /// <paramref name="target"/> with every <c>interfaces.d/lef-*</c> file the host has and deploy/ no longer gives it, as
    /// absent: apply's own files, left by a pool that moved to another interface or to a keepalived pair. Kept, their
    /// stanzas would stay up and come up again at the next boot, on a VIP that is now elsewhere.
    /// </summary>
    public static async Task<SortedDictionary<string, string?>> WithRetiredAsync(HostSession session, SortedDictionary<string, string?> target)
    {
        var withRetired = new SortedDictionary<string, string?>(target, StringComparer.Ordinal);
        foreach (var path in await InterfacesFilesAsync(session, string.Empty))
        {
            withRetired.TryAdd(path, null);
        }

        return withRetired;
    }

    /// <summary>The <c>interfaces.d/lef-*</c> files under <paramref name="root"/> (empty: the live ones; a generation's folder: its staged ones), as live paths.</summary>
    public static async Task<IReadOnlyList<string>> InterfacesFilesAsync(HostSession session, string root)
    {
        var listed = await session.RunAsync(
            "list " + root + InterfacesDirectory + "/lef-*",
            "for f in " + Shell.Quote(root + InterfacesDirectory) + "/lef-*; do if [ -f \"$f\" ]; then printf '%s\\n' \"$f\"; fi; done; true");
        return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith(root + InterfacesDirectory + "/lef-", StringComparison.Ordinal) && !p.Contains(' ', StringComparison.Ordinal))
            .Select(p => p[root.Length..])
            .ToList();
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
