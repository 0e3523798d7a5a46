using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Lef.Infra.Emit.Deployment;

/// <summary>One emitter per deploy folder: <c>.NAME.lock</c> beside it, held for the whole run.</summary>
internal static class DeployLock
{
    /// <summary>
    /// An exclusive flock on a sibling lock file (FileShare.None is flock(LOCK_EX) on Linux; the kernel drops it when the process
    /// dies, so a kill never leaves it held), waited for in short steps up to <paramref name="wait"/>.
    /// </summary>
    public static FileStream Take(string path, TimeSpan wait) => Take(path, wait, shared: false)!;

    /// <summary>
    /// A shared flock (any FileShare but None), so a reader never sees an emit's exchange half-way; null when no emitter has
    /// ever locked the folder (no lock file) or the lock file cannot be opened, which a reader of a read-only copy may not.
    /// </summary>
    public static FileStream? TakeShared(string path, TimeSpan wait) => Take(path, wait, shared: true);

    private static FileStream? Take(string path, TimeSpan wait, bool shared)
    {
        var lockPath = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                if (shared)
                {
                    return File.Exists(lockPath) ? new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite) : null;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            // A lock held elsewhere: EWOULDBLOCK (11) from flock on Linux, a sharing violation (32, 0x80070020) elsewhere.
            catch (IOException e) when (File.Exists(lockPath) && e.HResult is 11 or 32 or unchecked((int)0x80070020))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new DeployFolderException(
                        DeployFailure.Locked,
                        "another emit is writing " + path + " (it holds " + lockPath + "); waited " + wait.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s: try again when it has finished",
                        e);
                }

                Thread.Sleep(100);
            }
            catch (Exception e) when (shared && e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DeployFolderException(DeployFailure.WriteFailed, "cannot create the lock file " + lockPath + ": " + e.Message + "; nothing was written", e);
            }
        }
    }
}
