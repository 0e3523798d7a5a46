using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Lef.Infra.Bench;

/// <summary>
/// <c>PROBE_ALLOC=1</c>: which types the probed builds allocate, from the runtime's allocation ticks (one event about every
/// 100 KB, naming the type that crossed the line), so the figures are samples: good for ranking, not for exact bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;
    private readonly Dictionary<string, long> bytes = new(StringComparer.Ordinal);
    private bool enabled;

    public bool Sampling { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            enabled = true;
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs tick)
    {
        if (!Sampling || tick.EventId != AllocationTick || tick.Payload is null || tick.PayloadNames is null)
        {
            return;
        }

        var type = tick.Payload[tick.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(tick.Payload[tick.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        lock (bytes)
        {
            bytes[type] = bytes.GetValueOrDefault(type) + amount;
        }
    }

    /// <summary>The top types by sampled bytes, per build.</summary>
    public void Report(int builds, int top = 30)
    {
        Console.WriteLine(enabled ? "allocations sampled, MB per build:" : "allocation ticks unavailable");
        lock (bytes)
        {
            foreach (var (type, total) in bytes.OrderByDescending(b => b.Value).Take(top))
            {
                Console.WriteLine($"  {total / 1e6 / builds,7:F2}  {type}");
            }
        }
    }
}
