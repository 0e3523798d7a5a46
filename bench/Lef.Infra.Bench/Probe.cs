extern alias analyzers;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using analyzers::Lef.Infra.Analyzers;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Bench;

/// <summary><c>--probe N</c>: where a build's analyzer time goes, phase by phase (a developer's tool, not part of the table).</summary>
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

        for (var i = 0; i < repeat + 3; i++)
        {
            var compilation = EstateCompilation.Create(EstateCompilation.Parse(directory, estate.Files));
            _ = compilation.Assembly;
            (pause, allocated) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            var clock = Stopwatch.StartNew();
            var dsl = DslSymbols.TryCreate(compilation)!;
            Add("dsl symbols", clock);
            foreach (var tree in compilation.SyntaxTrees)
            {
                _ = tree.GetRoot();
            }

            Add("roots (red)", clock);
            if (Environment.GetEnvironmentVariable("PROBE_RED") == "1")
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    foreach (var node in tree.GetRoot().DescendantNodes())
                    {
                    }
                }

                Add("all red nodes", clock);
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                TreeSketch.Of(tree, CancellationToken.None);
            }

            Add("sketches", clock);
            var (model, violations) = TopologySourceReader.Read(compilation, dsl, CancellationToken.None);
            Add("read", clock);
            var found = analyzers::Lef.Infra.Dsl.Rules.TopologyRules.Check(model).Count();
            Add("rules", clock);
            if (found + violations.Count != 0)
            {
                throw new InvalidOperationException("violations in the estate");
            }
        }

        foreach (var (phase, times) in phases)
        {
            var kept = times.Skip(3).Order().ToList();
            Console.WriteLine($"{phase,-14} median {kept[kept.Count / 2],8:F1} ms  min {kept[0],8:F1}");
        }
    }
}
