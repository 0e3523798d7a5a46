using System;

namespace Lef.Infra.Emit.Tests;

/// <summary>A clock stopped at noon UTC on one day: new zone serials start from that day's YYYYMMDD00.</summary>
internal sealed class FixedClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
