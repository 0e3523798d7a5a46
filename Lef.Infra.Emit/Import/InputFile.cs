using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// An input file opened without blocking: open(2) on a FIFO no one writes to waits forever, so it is opened with
/// O_NONBLOCK, and a FIFO, socket or terminal (anything that cannot seek) is refused; a regular file reads as usual.
/// </summary>
internal static partial class InputFile
{
    // O_RDONLY | O_NONBLOCK | O_CLOEXEC on Linux (x86-64 and arm64 alike).
    private const int ReadOnlyNonBlocking = 0x0000 | 0x0800 | 0x80000;

    /// <summary>A stream over the file, or why not.</summary>
    public static (FileStream? Stream, string? Error) Open(string path)
    {
        var descriptor = OpenFile(path, ReadOnlyNonBlocking);
        if (descriptor < 0)
        {
            return (null, Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        }

        var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 1);
        if (!stream.CanSeek)
        {
            stream.Dispose();
            return (null, "it is not a regular file (a FIFO, a socket or a terminal); import reads files");
        }

        return (stream, null);
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);
}
