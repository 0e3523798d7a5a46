using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Lef.Infra.Emit.Deployment;

/// <summary>
/// The one place that touches deploy/ (with <see cref="DeployFolder"/>, which replaces it). deploy/ belongs to the tool:
/// files it did not write are removed.
/// </summary>
internal static class DeployDirectory
{
    private const string ZoneExtension = ".zone";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Every file under <paramref name="directory"/>, by '/'-separated relative path; empty when it does not exist.</summary>
    public static SortedDictionary<string, string> ReadAll(string directory) => Read(directory, directory, "*");

    /// <summary>The zone files under <paramref name="directory"/> (<c>dns/**/*.zone</c>), by the same paths as <see cref="ReadAll"/>.</summary>
    public static SortedDictionary<string, string> ReadZones(string directory) =>
        Read(directory, Path.Combine(directory, ArtifactSet.DnsFolder), "*" + ZoneExtension);

    /// <summary>The zone files among <paramref name="files"/> (as <see cref="ReadAll"/> gives them): what <see cref="ReadZones"/> reads.</summary>
    public static SortedDictionary<string, string> ZonesOf(IReadOnlyDictionary<string, string> files)
    {
        var zones = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in files.Where(f => IsZone(f.Key)))
        {
            zones.Add(path, text);
        }

        return zones;
    }

    /// <summary>A zone file's path relative to deploy/: <c>dns/db.lef.zone</c>, <c>dns/views/office/db.lef.zone</c>.</summary>
    public static bool IsZone(string relativePath) =>
        relativePath.StartsWith(ArtifactSet.DnsFolder + "/", StringComparison.Ordinal) && relativePath.EndsWith(ZoneExtension, StringComparison.Ordinal);

    private static SortedDictionary<string, string> Read(string root, string directory, string pattern)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return files;
        }

        foreach (var file in Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories))
        {
            files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'), ReadText(file));
        }

        return files;
    }

    /// <summary>
    /// What <see cref="File.ReadAllText(string, Encoding)"/> gives, decoded in one go: a deploy holds a haproxy.cfg of
    /// megabytes, which a reader would build up piece by piece. A file that starts with a byte order mark is left to
    /// <see cref="File.ReadAllText(string, Encoding)"/>, which honours it.
    /// </summary>
    private static string ReadText(string file)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes is [0xEF, 0xBB, 0xBF, ..] or [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..]
            ? File.ReadAllText(file, Utf8NoBom)
            : Utf8NoBom.GetString(bytes);
    }

    /// <summary>The paths whose content differs between what is on disk and what the topology gives (added, changed, removed).</summary>
    public static IReadOnlyList<string> Drift(string directory, ArtifactSet artifacts) =>
        Changes(ReadAll(directory), artifacts).Select(c => c.Path).ToList();

    /// <summary>Every path whose content differs, with what is there now and what the topology gives (null: absent), by path.</summary>
    public static IReadOnlyList<(string Path, string? Current, string? Wanted)> Changes(IReadOnlyDictionary<string, string> current, ArtifactSet artifacts) =>
        current.Keys.Union(artifacts.Files.Keys)
            .Order(StringComparer.Ordinal)
            .Select(p => (Path: p, Current: current.GetValueOrDefault(p), Wanted: artifacts.Files.GetValueOrDefault(p)))
            .Where(c => c.Current != c.Wanted)
            .ToList();

    /// <summary>A file copied from a live host, at its absolute path under <paramref name="copyRoot"/>; null when the copy lacks it.</summary>
    public static string? ReadLive(string copyRoot, string livePath)
    {
        var file = Path.Combine(copyRoot, livePath.TrimStart('/'));
        return File.Exists(file) ? File.ReadAllText(file, Utf8NoBom) : null;
    }
}
