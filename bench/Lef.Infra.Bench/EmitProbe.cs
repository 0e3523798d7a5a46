using System;
using System.Diagnostics;
using System.Linq;
using Lef.Infra.Analyzers.Reading;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Bench;

/// <summary><c>--probe-emit DIR [R]</c>: the emitter's work on a topology folder, phase by phase, into a scratch deploy/ (a developer's tool), in a child with the CLI's runtime settings (<see cref="AsCli"/>).</summary>
internal static class EmitProbe
{
    public static void Run(string directory, int repeat, System.IO.TextWriter output)
    {
        output.WriteLine("runtime: " + AsCli.Settings);
        var deploy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lef-probe-emit-" + Environment.ProcessId, "deploy");
        for (var i = 0; i < repeat + 2; i++)
        {
            Heap.Clean();
            var (cpu, gcp, gca) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            // Each phase's CPU over its wall time: how many of the cores it kept busy.
            var cores = new System.Collections.Generic.List<string>();
            var (lastWall, lastCpu) = (0.0, cpu);
            double Lap(Stopwatch clock)
            {
                var (wall, now) = (clock.Elapsed.TotalMilliseconds, Process.GetCurrentProcess().TotalProcessorTime);
                cores.Add(((now - lastCpu).TotalMilliseconds / Math.Max(wall - lastWall, 1)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
                (lastWall, lastCpu) = (wall, now);
                return wall;
            }

            var clock = Stopwatch.StartNew();
            var compilation = TopologyCompilation.Create(directory, directory);
            var parse = Lap(clock);
            var (model, _, readings) = TopologyReader.Read(compilation, DslSymbols.TryCreate(compilation)!, default);
            var read = Lap(clock);
            var errors = TopologyCompilation.Errors(compilation, readings);
            var check = Lap(clock);
            var violations = TopologyRules.Check(model);
            var rules = Lap(clock);
            using var folder = DeployFolder.Open(deploy, TimeSpan.FromSeconds(30));
            var set = folder.Render(model, new DateOnly(2026, 1, 1));
            var render = Lap(clock);
            folder.Replace(set);
            var write = Lap(clock);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            output.WriteLine(FormattableString.Invariant(
                $"parse {parse,5:F0}  read {read - parse,5:F0}  compiler errors {check - read,5:F0} ({errors.Count})  rules {rules - check,4:F0} ({violations.Count})  render {render - rules,4:F0}  write {write - render,4:F0} ({set.Files.Count} files)  wall {write,5:F0}  cpu {cpuMs,5:F0}  gc pause {(GC.GetTotalPauseDuration() - gcp).TotalMilliseconds,4:F0} allocated {(GC.GetTotalAllocatedBytes() - gca) / 1e6,4:F0}MB  cores by phase {string.Join('/', cores)}"));
        }
    }
}
