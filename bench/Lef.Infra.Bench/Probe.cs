extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using analyzers::Lef.Infra.Analyzers.Reading;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Bench;

/// <summary>
/// <c>--probe N [R]</c>: where the analyzer's time goes, phase by phase, with the GC pauses and the bytes allocated in each
/// (a developer's tool, not part of the table). A build: DSL symbols, red roots, the declaration shape, reading, rules, on
/// fresh trees each time. Then keystrokes (k:): one endpoints file edited, everything else reused. Medians of R runs after
/// three warm-ups. <c>PROBE_ALLOC=1</c> samples the types a build allocates (<c>read</c> or <c>rules</c>: that phase only);
/// <c>PROBE_BOUND=1</c> has the compiler bind every tree first, so the read pays none of the compiler's own work;
/// <c>PROBE_SERIES=1</c> prints every run's time too, warm-ups first, to see when the JIT has tiered a phase up.
/// </summary>
internal static class Probe
{
    public static void Run(int endpoints, int repeat)
    {
        var estate = SyntheticEstate.Generate(endpoints);
        var directory = Path.Combine(Path.GetTempPath(), "lef-probe");
        var phases = new Dictionary<string, List<double>>();
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        void Add(string phase, Stopwatch clock)
        {
            var (nowPause, nowAllocated) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            Add2(phase + " gc pause", (nowPause - pause).TotalMilliseconds);
            Add2(phase + " alloc MB", (nowAllocated - allocated) / 1e6);
            (pause, allocated) = (nowPause, nowAllocated);
            if (!phases.TryGetValue(phase, out var list))
            {
                phases[phase] = list = [];
            }

            list.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
        }

        void Add2(string phase, double value)
        {
            if (!phases.TryGetValue(phase, out var list))
            {
                phases[phase] = list = [];
            }

            list.Add(value);
        }

        // PROBE_ALLOC=1 samples the whole build; PROBE_ALLOC=shape (or read, rules) only that phase.
        var sampled = Environment.GetEnvironmentVariable("PROBE_ALLOC");

        // PROBE_BOUND=1 lets the compiler bind everything first: what is left is the analyzer's own work, the lower bound
        // of a build, where the compiler may have created the red nodes and member symbols before the analyzer asks.
        var bound = Environment.GetEnvironmentVariable("PROBE_BOUND") == "1";
        using var sampler = sampled is null or "" or "0" ? null : new AllocationSampler();
        bool Only(string phase) => sampled == phase;
        for (var i = 0; i < repeat + 3; i++)
        {
            var compilation = EstateCompilation.Create(EstateCompilation.Parse(directory, estate.Files));
            if (bound)
            {
                _ = compilation.GetDiagnostics();
            }

            _ = compilation.Assembly;
            Sample(sampler, on: i >= 3 && sampled == "1");
            Heap.Clean();
            (pause, allocated) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            var clock = Stopwatch.StartNew();
            var dsl = DslSymbols.TryCreate(compilation)!;
            Add("dsl symbols", clock);
            foreach (var tree in compilation.SyntaxTrees)
            {
                _ = tree.GetRoot();
            }

            Add("roots (red)", clock);
            Around(sampler, i >= 3 && Only("shape"), () => DeclarationShape.Of(compilation, compilation.SyntaxTrees.ToList(), CancellationToken.None), clock);
            Add("shape", clock);
            var (model, violations, _) = Around(sampler, i >= 3 && Only("read"), () => TopologyReader.Read(compilation, dsl, CancellationToken.None), clock);
            Add("read", clock);
            var found = Around(sampler, i >= 3 && Only("rules"), () => analyzers::Lef.Infra.Dsl.Checking.TopologyRules.Check(model).Count(), clock);
            Add("rules", clock);
            if (found + violations.Count != 0)
            {
                throw new InvalidOperationException("violations in the estate");
            }

            Sample(sampler, on: false);
        }

        sampler?.Report(repeat);

        // Keystrokes: one endpoints file edited, everything else reused.
        {
            Microsoft.CodeAnalysis.Compilation compilation = EstateCompilation.Create(EstateCompilation.Parse(directory, estate.Files));
            var dsl = DslSymbols.TryCreate(compilation)!;
            TopologyReader.Read(compilation, dsl, CancellationToken.None);
            var path = Path.Combine(directory, estate.KeystrokeFile);
            for (var i = 0; i < repeat + 10; i++)
            {
                compilation = AnalyzerRuns.Type(compilation, path, estate.KeystrokeName).Compilation;
                (pause, allocated) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
                var clock = Stopwatch.StartNew();
                dsl = DslSymbols.TryCreate(compilation)!;
                Add("k: dsl symbols", clock);
                var (model, _, _) = TopologyReader.Read(compilation, dsl, CancellationToken.None);
                Add("k: read", clock);
                _ = analyzers::Lef.Infra.Dsl.Checking.TopologyRules.Check(model).Count;
                Add("k: rules", clock);
            }
        }

        var series = Environment.GetEnvironmentVariable("PROBE_SERIES") == "1";
        foreach (var (phase, times) in phases)
        {
            if (series && !phase.EndsWith(" MB", StringComparison.Ordinal) && !phase.EndsWith(" pause", StringComparison.Ordinal))
            {
                Console.WriteLine($"{phase,-22} runs   {string.Join(" ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}");
            }

            var kept = times.Skip(3).Order().ToList();
            var unit = phase.EndsWith(" MB", StringComparison.Ordinal) ? "  " : "ms";
            Console.WriteLine($"{phase,-22} median {kept[kept.Count / 2],8:F1} {unit}  min {kept[0],8:F1}");
        }
    }

    /// <summary>Runs one phase, sampling its allocations alone when <paramref name="on"/>; the waits are not timed.</summary>
    private static T Around<T>(AllocationSampler? sampler, bool on, Func<T> phase, Stopwatch clock)
    {
        if (!on)
        {
            return phase();
        }

        Sample(sampler, on: true);
        clock.Restart();
        var result = phase();
        clock.Stop();
        Sample(sampler, on: false);
        clock.Start();
        return result;
    }

    /// <summary>
    /// Switches sampling after the runtime has delivered the ticks so far: they reach the listener on another thread, a
    /// while after the allocation, so this waits before and after the phases it samples (only with <c>PROBE_ALLOC=1</c>).
    /// </summary>
    private static void Sample(AllocationSampler? sampler, bool on)
    {
        if (sampler is null)
        {
            return;
        }

        Thread.Sleep(1500);
        sampler.Sampling = on;
    }
}
