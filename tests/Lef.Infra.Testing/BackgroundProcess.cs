using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Testing;

/// <summary>
/// A real server started for a test (postgres, named, haproxy), leading its own process group (<c>setsid</c>), so that
/// disposing it ends the server and every child it forked, however the test ended. Its output is kept for assertions.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly object gate = new();

    private BackgroundProcess(Process process, string description)
    {
        this.process = process;
        Description = description;
    }

    /// <summary>The command line, for messages.</summary>
    public string Description { get; }

    /// <summary>The process id, which is also its process group id.</summary>
    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="name"/> (found on PATH; missing fails the test) with its arguments, in a new session.</summary>
    public static BackgroundProcess Start(string name, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Tool.Require("setsid"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A pipe, never the test runner's own stdin: psql and friends must not wait on a terminal.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // setsid execs in place (the child of this process leads no group yet), so the id is the server's own.
        start.ArgumentList.Add(Tool.Require(name));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var started = new BackgroundProcess(process, name + " " + string.Join(' ', start.ArgumentList));
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails with the output so far when the process exits first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"{Description}: '{text}' did not appear ({(process.HasExited ? "exited " + process.ExitCode : "still running after " + timeout)}). Output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Signal(int signal) => Signals.Send(process.Id, signal);

    /// <summary>Terminates the whole process group, then kills what is left of it.</summary>
    public void Dispose()
    {
        var group = -process.Id;
        if (Signals.Send(group, Signals.Terminate))
        {
            process.WaitForExit(TimeSpan.FromSeconds(3));
            Signals.Send(group, Signals.Kill);
        }

        process.WaitForExit(TimeSpan.FromSeconds(3));
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.Append(line).Append('\n');
        }
    }
}
