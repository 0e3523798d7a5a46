using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Bench;

/// <summary>
/// What `lef-infra emit` does, source to deploy/, timed in a process with the CLI's runtime settings (<see cref="AsCli"/>):
/// compile the folder in memory, read it, run the rules, read the previous deploy's zones (their serials), render, swap in.
/// </summary>
internal static class EmitRuns
{
    /// <summary>
    /// How long the child emits before the timed runs, on the same folder. A fresh process optimizes Roslyn's and the
    /// emitter's hot code over many runs (with dynamic PGO, through an instrumented tier first): at 1,000 endpoints the times
    /// settle after 30 to 40 runs, at 10,000 after about 10 (<c>--probe-emit</c> shows the curve). A time, not a count,
    /// because the runtime's tiering is paced by time too.
    /// </summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    /// <summary>A fixed date for zone serials: the output does not depend on when the bench runs.</summary>
    private static readonly DateOnly Today = new(2025, 1, 1);

    /// <summary>In the parent: the timings (ms), the number of files written and the child's peak RSS.</summary>
    public static (Samples Emit, int Artifacts, long PeakBytes) Measure(string sources, string displayRoot, string deploy, int repeat)
    {
        var (emit, artifacts, peak) = (new Samples(), 0, 0L);
        foreach (var line in AsCli.Run(["--emit-runs", sources, displayRoot, deploy, repeat.ToString(CultureInfo.InvariantCulture)]))
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "emit":
                    emit.Add(double.Parse(words[1], CultureInfo.InvariantCulture));
                    artifacts = int.Parse(words[2], CultureInfo.InvariantCulture);
                    break;
                case "peak":
                    peak = long.Parse(words[1], CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (emit.Count != repeat)
        {
            throw new InvalidOperationException("the emit child printed " + emit.Count + " timings, expected " + repeat);
        }

        return (emit, artifacts, peak);
    }

    /// <summary>In the child: <c>emit MS FILES</c> per timed run, then <c>peak BYTES</c>.</summary>
    public static void Run(string sources, string displayRoot, string deploy, int repeat, TextWriter output)
    {
        var warming = Stopwatch.StartNew();
        for (var timed = 0; timed < repeat;)
        {
            var warm = warming.Elapsed >= WarmUp;
            Heap.Clean();
            var clock = Stopwatch.StartNew();
            var topology = TopologyLoader.Load(sources, displayRoot);
            if (topology.Violations.Count > 0)
            {
                throw new InvalidOperationException("the emitter found " + topology.Violations.Count + " violation(s), first: " + topology.Violations[0].Message);
            }

            // As the CLI's emit does: open (lock, recover, read the previous zones), render, replace.
            using (var folder = DeployFolder.Open(deploy, TimeSpan.FromSeconds(30)))
            {
                var set = folder.Render(topology.Model, Today);
                folder.Replace(set);
                clock.Stop();
                if (warm)
                {
                    timed++;
                    output.WriteLine(FormattableString.Invariant($"emit {clock.Elapsed.TotalMilliseconds:F1} {set.Files.Count}"));
                }
            }
        }

        output.WriteLine(FormattableString.Invariant($"peak {PeakMemory.Bytes()}"));
    }
}
