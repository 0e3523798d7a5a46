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

    public void MakeReadOnly() => Assert.Equal(0, Tool.Run("mount", "-o", "remount,ro", Path).ExitCode);

    public void Dispose()
    {
        Tool.Run("umount", Path);
        mountPoint.Dispose();
    }
}
