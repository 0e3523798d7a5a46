using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Bench.Micro;

namespace Lef.Infra.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Lef.Infra.Bench -- --endpoints 1000,10000</c>: the scale table.
/// <c>-- --micro [BenchmarkDotNet arguments]</c>: micro-benchmarks of the rules and writers.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: Lef.Infra.Bench [--endpoints N[,N...]] [--repeat R] [--keystrokes K] [--keep]
               Lef.Infra.Bench --micro [BenchmarkDotNet arguments, e.g. --filter *Rule*]
               Lef.Infra.Bench --probe N [R]   where the analyzer's index build goes, phase by phase (time, GC pause, MB allocated)
               Lef.Infra.Bench --probe-emit DIR [R]   where an emit of the topology folder DIR goes, phase by phase (DIR: a kept estate's src/), with the CLI's runtime settings
          --endpoints   estate sizes to measure (default 1000); one table column and one RESULT line each
          --repeat      runs per measurement, the median is reported (default 9)
          --keystrokes  keystrokes typed into one endpoints file (default 10)
          --keep        keep the generated estate, DLL and deploy/ (printed at the end)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--micro")
        {
            MicroBenchmarks.Run(args[1..]);
            return 0;
        }

        // The emitter runs in a child with the CLI's runtime settings (AsCli): the first argument says which side this is.
        var asCli = args.Length > 0 && args[0] == AsCli.Flag;
        if (args.Length > 1 && args[0] == "--probe-emit")
        {
            foreach (var line in AsCli.Run(args))
            {
                Console.WriteLine(line);
            }

            return 0;
        }

        if (asCli && args.Length > 2 && args[1] == "--probe-emit")
        {
            EmitProbe.Run(args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5, Console.Out);
            return 0;
        }

        if (asCli && args.Length == 6 && args[1] == "--emit-runs")
        {
            EmitRuns.Run(args[2], args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture), Console.Out);
            return 0;
        }

        if (args.Length > 0 && args[0] == "--probe")
        {
            Probe.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
            return 0;
        }

        var sizes = new List<int> { 1000 };
        // Nine runs: a gen0 collection of the compiler's fresh trees lands inside the analyzer's action in about two builds of
        // five (README, Performance), so a median of three swings with two coin tosses; a median of nine is the typical build.
        var (repeat, keystrokes, keep) = (9, 10, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--endpoints" when i + 1 < args.Length:
                    sizes = args[++i].Split(',').Select(s => int.Parse(s.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--keystrokes" when i + 1 < args.Length:
                    keystrokes = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    Console.Error.WriteLine("unknown argument: " + args[i]);
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        var haproxy = HaproxyCheck.Find();
        var work = Path.Combine(Path.GetTempPath(), "lef-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            // Everything on a small estate first, often enough for the JIT to finish tiering up the analyzer and the emitter:
            // the numbers are those of a long-running compiler server or IDE, not of a first run.
            await new ScaleRun(SyntheticEstate.Generate(300), Path.Combine(work, "warmup"), 3, 40, haproxy: null, TextWriter.Null).RunAsync();
            var results = new List<ScaleResult>();
            foreach (var size in sizes)
            {
                results.Add(await new ScaleRun(SyntheticEstate.Generate(size), Path.Combine(work, "n" + size), repeat, keystrokes, haproxy, Console.Error).RunAsync());
            }

            ScaleReport.Write(results, Console.Out);
        }
        finally
        {
            if (keep)
            {
                Console.Error.WriteLine("kept " + work);
            }
            else if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        return 0;
    }
}
