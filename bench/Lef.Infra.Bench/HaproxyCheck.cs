using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Lef.Infra.Bench;

/// <summary>The reference: the real <c>haproxy -c</c> on each emitted config, timed like a user would (process start to exit).</summary>
internal static class HaproxyCheck
{
    private static readonly string[] SearchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Concat(SearchPath)
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, "haproxy"))
            .FirstOrDefault(File.Exists);

    /// <summary>Checks one config; throws when haproxy rejects it (the bench's estate must be valid).</summary>
    public static TimeSpan Run(string haproxy, string config)
    {
        var start = new ProcessStartInfo(haproxy)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(config);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0 || !output.Contains("Configuration file is valid", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("haproxy -c rejected " + config + " (exit " + process.ExitCode + "):\n" + output);
        }

        return clock.Elapsed;
    }
}
