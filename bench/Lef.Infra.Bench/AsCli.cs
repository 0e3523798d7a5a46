using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Lef.Infra.Bench;

/// <summary>
/// Runs a piece of the bench in a child process with the CLI's runtime settings (<c>lef-infra.runtimeconfig.json</c>:
/// server GC without DATAS), not the bench's (server GC with DATAS, as csc and VBCSCompiler run the analyzer). The emit's
/// figures are then what <c>lef-infra emit</c> does once it is running: the GC mode alone moves an emit at 10,000
/// endpoints between about 420 ms (server) and 670 ms (workstation).
/// </summary>
internal static class AsCli
{
    /// <summary>The first argument of a child: the rest are the bench's own arguments.</summary>
    public const string Flag = "--as-cli";

    /// <summary>What the child runs under, printed by the probes: the settings that matter to an emit, as the GC applied them (an environment variable overrides the runtimeconfig).</summary>
    public static string Settings =>
        (GCSettings.IsServerGC ? "server GC" : "workstation GC")
        + ", DATAS " + (GC.GetConfigurationVariables().GetValueOrDefault("GCDynamicAdaptationMode") is 0L or 0 ? "off" : "on")
        + ", " + Environment.ProcessorCount + " cores";

    /// <summary>Runs the bench with <paramref name="arguments"/> in a child; returns its standard output, its standard error passed through.</summary>
    public static IReadOnlyList<string> Run(IEnumerable<string> arguments)
    {
        var directory = AppContext.BaseDirectory;
        var runtimeConfig = Path.Combine(directory, "lef-infra.runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new FileNotFoundException("the CLI's runtime settings are not beside the bench (build bench/Lef.Infra.Bench)", runtimeConfig);
        }

        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["exec", "--runtimeconfig", runtimeConfig, "--depsfile", Path.Combine(directory, "Lef.Infra.Bench.deps.json"), Path.Combine(directory, "Lef.Infra.Bench.dll"), Flag])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var lines = new List<string>();
        while (child.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException("the bench's child (" + string.Join(' ', start.ArgumentList) + ") exited " + child.ExitCode);
        }

        return lines;
    }

    /// <summary>The <c>dotnet</c> host this bench runs on: the process itself under <c>dotnet Lef.Infra.Bench.dll</c>, else the runtime's root.</summary>
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Environment.ProcessPath!
            : Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet"));
}
