using System;
using System.Diagnostics;
using System.Linq;
using Lef.Infra.Analyzers.Reading;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Bench;

/// <summary><c>--probe-emit DIR [R]</c>: the emitter's load of a topology folder, phase by phase (a developer's tool).</summary>
internal static class EmitProbe
{
    public static void Run(string directory, int repeat)
    {
        for (var i = 0; i < repeat + 2; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var compilation = TopologyCompilation.Create(directory, directory);
            var parse = clock.Elapsed.TotalMilliseconds;
            var (model, _, readings) = TopologyReader.Read(compilation, DslSymbols.TryCreate(compilation)!, default);
            var read = clock.Elapsed.TotalMilliseconds;
            var errors = TopologyCompilation.Errors(compilation, readings);
            var check = clock.Elapsed.TotalMilliseconds;
            var violations = TopologyRules.Check(model);
            var rules = clock.Elapsed.TotalMilliseconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine(FormattableString.Invariant(
                $"parse {parse,7:F0}  read {read - parse,7:F0}  compiler errors {check - read,7:F0} ({errors.Count})  rules {rules - check,6:F0} ({violations.Count})  unproven spans {readings.Sum(r => r.Unproven.Count)}  wall {rules,6:F0}  cpu {cpuMs,6:F0}"));
        }
    }
}
