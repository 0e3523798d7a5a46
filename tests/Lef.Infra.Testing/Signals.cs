using System.Runtime.InteropServices;

namespace Lef.Infra.Testing;

/// <summary>POSIX signals to one process or to a whole process group (a negative id), by number.</summary>
public static partial class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    /// <summary>True when the signal was delivered; false when no such process (group) exists any more.</summary>
    public static bool Send(int processId, int signal) => kill(processId, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
