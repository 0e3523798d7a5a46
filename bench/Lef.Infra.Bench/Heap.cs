using System;

namespace Lef.Infra.Bench;

/// <summary>
/// Collects the last run's garbage before the next run, untimed, as BenchmarkDotNet does between iterations. A build or an
/// emit starts with the previous run's compilation dead but not collected; without this, it is promoted and collected in
/// the background during the next run (a quarter of the CPU samples of a steady-state emit profile at 10,000 endpoints),
/// which a user's single `lef-infra emit` never pays.
/// </summary>
internal static class Heap
{
    public static void Clean()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
