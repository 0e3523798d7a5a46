using System;
using System.IO;
using System.Linq;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>A tmpfs of a fixed size mounted on a fresh folder (the tests run as root), for full-disk and read-only cases.</summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly TempDirectory mountPoint = new();

    public SmallDisk(string size)
    {
        var mount = Tool.Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.Path);
        Assert.True(mount.ExitCode == 0, "cannot mount a tmpfs (the tests run as root): " + mount.Output);
    }

    public string Path => mountPoint.Path;

    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Mounts a tmpfs on a folder, so that the folder cannot be removed (EBUSY) on any file system. Disposing unmounts every
    /// mount under <paramref name="root"/>, wherever a swap has moved the folder to (or a failing run left it).
    /// </summary>
    public static IDisposable PinFolder(string folder, string root)
    {
        var mount = Tool.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder);
        Assert.True(mount.ExitCode == 0, "cannot mount a tmpfs (the tests run as root): " + mount.Output);
        return new Unmount(root);
    }

    public void MakeReadOnly() => Assert.Equal(0, Tool.Run("mount", "-o", "remount,ro", Path).ExitCode);

    public void Dispose()
    {
        Tool.Run("umount", Path);
        mountPoint.Dispose();
    }

    private sealed class Unmount(string root) : IDisposable
    {
        public void Dispose()
        {
            // /proc/self/mounts escapes spaces as \040; the tests' folders have none.
            var under = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1])
                .Where(m => m.StartsWith(root + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length);
            foreach (var mountPoint in under)
            {
                Tool.Run("umount", mountPoint);
            }
        }
    }
}
