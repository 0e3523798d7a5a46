using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Deployment;

/// <summary>
/// A deploy folder opened for replacing: checked to be the tool's, locked against other emitters, recovered from what a
/// killed run left beside it. The new deploy is written in full beside it and exchanged with it in one step.
/// </summary>
internal sealed partial class DeployFolder : IDisposable
{
    /// <summary>The file every deploy folder holds: the proof that the tool made it, and so may replace it whole.</summary>
    public const string MarkerFile = ".lef-infra-deploy";

    public const string MarkerText =
        "This folder is written by Lef.Infra (`dotnet run --project Lef.Infra.Emit`) and replaced whole on every emit:\n"
        + "keep nothing else in it. This file lets emit replace it; emit refuses any folder without it.\n";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly FileStream? lockFile;

    private readonly Lazy<IReadOnlyDictionary<string, string>> current;

    private DeployFolder(string path, FileStream? lockFile, Lazy<IReadOnlyDictionary<string, string>> current, IReadOnlyDictionary<string, string> zones, uint? leftoverSerial)
    {
        Path = path;
        this.lockFile = lockFile;
        this.current = current;
        Zones = zones;
        LeftoverSerial = leftoverSerial;
    }

    /// <summary>The folder replaced: the full path, a symbolic link's final target.</summary>
    public string Path { get; }

    /// <summary>
    /// Its files now, by '/'-separated relative path (empty when it does not exist yet). A folder opened for replacing reads
    /// them on first use, under the lock it holds: an emit needs only <see cref="Zones"/>, and a deploy of 10,000 endpoints
    /// holds megabytes it would read for nothing.
    /// </summary>
    public IReadOnlyDictionary<string, string> Current => current.Value;

    /// <summary>Its zone files (<c>dns/**/*.zone</c>) by relative path: all the previous deploy a render needs (the serials).</summary>
    public IReadOnlyDictionary<string, string> Zones { get; }

    /// <summary>The highest zone serial in what killed runs left beside it, so that a new serial never goes below one already served.</summary>
    public uint? LeftoverSerial { get; }

    /// <summary>
    /// Reads a deploy folder without changing anything (emit --check, diff), under a shared lock: an emit exchanging the
    /// folder meanwhile would have the files read from two trees, or vanish under the reader.
    /// </summary>
    public static DeployFolder Inspect(string directory, TimeSpan lockWait)
    {
        var path = Resolve(directory);
        Refuse(path);
        using var shared = DeployLock.TakeShared(path, lockWait);
        var files = Read(path, DeployDirectory.ReadAll);
        return new DeployFolder(path, null, new(files), DeployDirectory.ZonesOf(files), null);
    }

    /// <summary>Opens a deploy folder for <see cref="Replace"/>, waiting up to <paramref name="lockWait"/> for another emitter on it.</summary>
    public static DeployFolder Open(string directory, TimeSpan lockWait)
    {
        var path = Resolve(directory);
        Refuse(path);
        var lockFile = DeployLock.Take(path, lockWait);
        try
        {
            RestoreIfMissing(path);
            Refuse(path);
            var leftoverSerial = Read(path, p => Leftovers(p).Select(HighestZoneSerial).Max());
            return new DeployFolder(path, lockFile, new(() => Read(path, DeployDirectory.ReadAll)), Read(path, DeployDirectory.ReadZones), leftoverSerial);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The model's artifacts as this folder's next deploy: zone serials kept or bumped from <see cref="Zones"/>, never below
    /// <see cref="LeftoverSerial"/>. What emit, --check and diff compare with or write here.
    /// </summary>
    public ArtifactSet Render(TopologyModel model, DateOnly today) => ArtifactSet.Render(model, Zones, today, LeftoverSerial);

    /// <summary>
    /// Writes <paramref name="artifacts"/> in full to a sibling folder, then exchanges it with the deploy folder, so a failed
    /// or killed run leaves the previous deploy in place; then removes the previous deploy and every leftover.
    /// </summary>
    public void Replace(ArtifactSet artifacts)
    {
        if (lockFile is null)
        {
            throw new InvalidOperationException("a deploy folder opened with Inspect is read-only");
        }

        var staging = Path + ".new-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            DeleteIfPresent(staging);
            Directory.CreateDirectory(staging);
            foreach (var (relative, content) in artifacts.Files)
            {
                var target = System.IO.Path.Combine(staging, relative);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                WriteDurably(target, content);
                CrashPoint.Reached("writing");
            }

            // Each folder's entries reach the disk before the exchange names them: after a power cut the deploy is the old
            // tree or the whole new one, never new names over empty files.
            foreach (var folder in Directory.EnumerateDirectories(staging, "*", SearchOption.AllDirectories).Append(staging))
            {
                FolderSwap.Sync(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new DeployFolderException(DeployFailure.WriteFailed, "cannot write the new deploy beside " + Path + ": " + e.Message + "; the previous deploy is unchanged", e);
        }

        CrashPoint.Reached("staged");
        var previous = Swap(staging);
        CrashPoint.Reached("swapped");
        TrySyncParent();

        var failed = new List<string>();
        foreach (var leftover in Leftovers(Path).Append(previous).OfType<string>().Distinct())
        {
            if (!TryDelete(leftover))
            {
                failed.Add(leftover);
            }
        }

        if (failed.Count > 0)
        {
            throw new DeployFolderException(
                DeployFailure.CleanupFailed,
                "the new deploy is in " + Path + ", but the previous one could not be removed: " + string.Join(", ", failed) + " (the next emit removes it)");
        }
    }

    public void Dispose() => lockFile?.Dispose();

    /// <summary>Encoded as it is written, in buffer-sized pieces: a haproxy.cfg of megabytes needs no copy of itself in bytes.</summary>
    private static void WriteDurably(string path, string content)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        using (var writer = new StreamWriter(file, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true))
        {
            writer.Write(content);
        }

        file.Flush(flushToDisk: true);
    }

    /// <summary>The exchange itself made durable; the new deploy is in place already, so a failure here only loses durability.</summary>
    private void TrySyncParent()
    {
        try
        {
            FolderSwap.Sync(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Puts the new tree in place; the previous tree's path afterwards (null when there was none).</summary>
    private string? Swap(string staging)
    {
        try
        {
            if (!Directory.Exists(Path))
            {
                Directory.Move(staging, Path);
                return null;
            }

            if (FolderSwap.TryExchange(staging, Path))
            {
                return staging;
            }

            // No exchange on this file system: two renames, and a run killed between them is undone by RestoreIfMissing.
            var previous = Path + ".old-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            Directory.Move(Path, previous);
            CrashPoint.Reached("between-renames");
            try
            {
                Directory.Move(staging, Path);
            }
            catch
            {
                Directory.Move(previous, Path);
                throw;
            }

            return previous;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new DeployFolderException(DeployFailure.WriteFailed, "cannot put the new deploy in place at " + Path + ": " + e.Message + "; the previous deploy is unchanged", e);
        }
    }

    /// <summary>The full path, a symbolic link (at any depth) followed to its final target, so the link's target is what gets replaced.</summary>
    private static string Resolve(string directory)
    {
        var full = System.IO.Path.GetFullPath(directory).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        if (full.Length == 0 || System.IO.Path.GetDirectoryName(full) is null)
        {
            throw new DeployFolderException(DeployFailure.NotADeployFolder, directory + " is a file system root, not a deploy folder");
        }

        var info = new DirectoryInfo(full);
        if (info.LinkTarget is null)
        {
            return full;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            throw new DeployFolderException(DeployFailure.NotADeployFolder, directory + " is a symbolic link to " + info.LinkTarget + ", which does not exist: create the folder or fix the link");
        }

        return Resolve(target.FullName);
    }

    /// <summary>Throws unless the path is missing, an empty folder, or a folder holding <see cref="MarkerFile"/>.</summary>
    private static void Refuse(string path)
    {
        if (File.Exists(path))
        {
            throw new DeployFolderException(DeployFailure.NotADeployFolder, path + " is a file, not a deploy folder: pass a folder with --out");
        }

        if (!Directory.Exists(path) || File.Exists(System.IO.Path.Combine(path, MarkerFile)) || !Directory.EnumerateFileSystemEntries(path).Any())
        {
            return;
        }

        throw new DeployFolderException(
            DeployFailure.NotADeployFolder,
            path + " is not a deploy folder Lef.Infra made (it has no " + MarkerFile + "), and emit replaces its folder whole: "
            + "pass a new or empty folder with --out (if it is an old deploy, add an empty " + MarkerFile + " to it)");
    }

    /// <summary>What killed runs left beside the deploy folder: <c>NAME.new-PID</c> (a partial or swapped-out tree) and <c>NAME.old-PID</c>.</summary>
    private static IEnumerable<string> Leftovers(string path)
    {
        var parent = System.IO.Path.GetDirectoryName(path)!;
        var name = System.IO.Path.GetFileName(path);
        if (!Directory.Exists(parent))
        {
            return [];
        }

        return Directory.EnumerateDirectories(parent, name + ".*")
            .Where(d => LeftoverName().Match(System.IO.Path.GetFileName(d)) is { Success: true } m && m.Groups["name"].Value == name)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A run with two renames killed between them left no deploy folder but its previous tree as NAME.old-PID: put that back.</summary>
    private static void RestoreIfMissing(string path)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            return;
        }

        var previous = Leftovers(path).Where(l => l.Contains(".old-", StringComparison.Ordinal)).OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
        if (previous is not null)
        {
            Directory.Move(previous, path);
        }
    }

    /// <summary>What <paramref name="read"/> finds in the deploy folder (or beside it); an unreadable file is one line and exit 8, not a stack trace.</summary>
    private static T Read<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeployFolderException(DeployFailure.WriteFailed, "cannot read the deploy folder " + path + ": " + e.Message + "; nothing was written", e);
        }
    }

    private static uint? HighestZoneSerial(string directory) =>
        Directory.EnumerateFiles(directory, "*.zone", SearchOption.AllDirectories).Select(f => ZoneSerial.Read(File.ReadAllText(f))).Max();

    private static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool TryDelete(string directory)
    {
        try
        {
            DeleteIfPresent(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(?<name>.+)\.(?:new|old)-[0-9]+$")]
    private static partial Regex LeftoverName();
}
