using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Lef.Infra.Bench;

/// <summary>
/// Peak resident memory of this process per phase: Linux keeps the high-water mark (VmHWM) and lets a process reset it
/// (clear_refs 5), so each phase reports its own peak rather than the run's.
/// </summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux or not allowed: the peak is then the process's since it started, which only overstates.
        }
    }

    public static long Bytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
