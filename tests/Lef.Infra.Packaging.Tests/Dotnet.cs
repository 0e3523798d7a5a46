using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Testing;

namespace Lef.Infra.Packaging.Tests;

/// <summary>The real dotnet CLI (or a script that runs it) in a folder, with this test run's MSBuild variables removed and the given ones set.</summary>
internal static class Dotnet
{
    public static Task<ToolResult> RunAsync(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunAsync("dotnet", directory, environment, arguments);

    /// <summary>A bash script, as CI would run it.</summary>
    public static Task<ToolResult> ScriptAsync(string script, IReadOnlyDictionary<string, string> environment) =>
        RunAsync(Tool.Require("bash"), System.IO.Path.GetDirectoryName(script)!, environment, [script]);

    private static async Task<ToolResult> RunAsync(string program, string directory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the child at this run's SDK resolver state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " " + string.Join(' ', arguments) + " did not finish in time");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
