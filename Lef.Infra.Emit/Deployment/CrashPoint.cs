using System;
using System.Diagnostics;

namespace Lef.Infra.Emit.Deployment;

/// <summary>
/// For the kill tests only: when LEF_INFRA_CRASH_AT names a step of a deploy, the process kills itself there with SIGKILL,
/// as an operator's kill -9 would, so no finally block or cleanup runs.
/// </summary>
internal static class CrashPoint
{
    public const string Variable = "LEF_INFRA_CRASH_AT";

    private static readonly string? Step = Environment.GetEnvironmentVariable(Variable);

    public static void Reached(string step)
    {
        if (Step == step)
        {
            Process.GetCurrentProcess().Kill();
            System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
        }
    }
}
