using System;
using System.Collections.Generic;
using System.Linq;

namespace Lef.Infra.Bench;

/// <summary>Repeated timings of one thing, in milliseconds; the median is what gets reported (robust to one noisy neighbour).</summary>
internal sealed class Samples
{
    private readonly List<double> values = [];

    public int Count => values.Count;

    public double Median
    {
        get
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public double Min => values.Count == 0 ? double.NaN : values.Min();

    public double Max => values.Count == 0 ? double.NaN : values.Max();

    public void Add(TimeSpan elapsed) => values.Add(elapsed.TotalMilliseconds);

    public void Add(double milliseconds) => values.Add(milliseconds);
}
