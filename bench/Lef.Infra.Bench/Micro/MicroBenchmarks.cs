using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Lef.Infra.Bench.Micro;

/// <summary>BenchmarkDotNet over the rules and writers, in process: no generated project to restore against this repo's pinned packages.</summary>
internal static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);

        // Without a filter BenchmarkSwitcher asks on the console which ones to run; the bench never waits for input.
        var arguments = args.Any(a => a is "--filter" or "-f") ? args : [.. args, "--filter", "*"];
        BenchmarkSwitcher.FromTypes([typeof(RuleBenchmarks), typeof(WriterBenchmarks)]).Run(arguments, config);
    }
}
