using System;
using System.IO;
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
    /// Mounts a tmpfs on a folder, so that the folder cannot be removed (EBUSY) on any file system; disposing unmounts it
    /// where it is then: at <paramref name="folder"/>, or at <paramref name="movedTo"/> once a swap has moved its tree.
    /// </summary>
    public static IDisposable PinFolder(string folder, string movedTo)
    {
        var mount = Tool.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder);
        Assert.True(mount.ExitCode == 0, "cannot mount a tmpfs (the tests run as root): " + mount.Output);
        return new Unmount(folder, movedTo);
    }

    public void MakeReadOnly() => Assert.Equal(0, Tool.Run("mount", "-o", "remount,ro", Path).ExitCode);

    public void Dispose()
    {
        Tool.Run("umount", Path);
        mountPoint.Dispose();
    }

    private sealed class Unmount(string folder, string movedTo) : IDisposable
    {
        public void Dispose()
        {
            if (Tool.Run("umount", movedTo).ExitCode != 0)
            {
                Tool.Run("umount", folder);
            }
        }
    }
}
