using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Lef.Infra.Emit.Deployment;

/// <summary>
/// Exchanges two folders in one step with renameat2(RENAME_EXCHANGE), so the deploy folder's path names the old tree or
/// the new one at every instant; two renames would leave a moment (and, after a kill, a state) with neither.
/// </summary>
internal static partial class FolderSwap
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    private const int NotSupported = 95;
    private const int InvalidArgument = 22;
    private const int NoSuchCall = 38;

    // O_RDONLY | O_DIRECTORY on Linux.
    private const int ReadOnlyDirectory = 0x10000;

    /// <summary>True when the two folders were exchanged; false when the file system cannot exchange (the caller falls back).</summary>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        if (RenameAt2(AtCurrentDirectory, first, AtCurrentDirectory, second, RenameExchange) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is NotSupported or InvalidArgument or NoSuchCall)
        {
            return false;
        }

        throw new IOException(Marshal.GetPInvokeErrorMessage(errno) + " (exchanging " + first + " and " + second + ")", errno);
    }

    /// <summary>fsync(2) of a folder, so the names in it (a new file, an exchange) survive a power cut; nothing off Linux.</summary>
    public static void Sync(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(folder, ReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw Failure("opening", folder);
        }

        try
        {
            if (FileSync(descriptor) != 0)
            {
                throw Failure("syncing", folder);
            }
        }
        finally
        {
            Close(descriptor);
        }
    }

    private static IOException Failure(string doing, string folder)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException(Marshal.GetPInvokeErrorMessage(errno) + " (" + doing + " " + folder + ")", errno);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FileSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
