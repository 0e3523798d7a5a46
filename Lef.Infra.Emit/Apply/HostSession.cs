using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// One shell on a host for a whole command, so the host's lock (a file descriptor of that shell) lasts as long as the
/// session and goes away with it if the connection drops. Each step runs as a shell function with no stdin.
/// </summary>
internal sealed class HostSession : IDisposable
{
    private const string Marker = "@@lef-step-exit ";
    private readonly Process process;
    private readonly StringBuilder transportErrors = new();
    private int steps;

    private HostSession(string host, Process process)
    {
        Host = host;
        this.process = process;
    }

    public string Host { get; }

    /// <summary>Opens the shell and checks it answers; an unreachable host is a <see cref="HostStepException"/> naming ssh's reason.</summary>
    public static async Task<HostSession> OpenAsync(Transport transport, string host, TimeSpan timeout)
    {
        var command = transport.Command(host);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HostStepException(host, "connect", command[0] + ": " + e.Message);
        }

        var session = new HostSession(host, process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (session.transportErrors)
                {
                    session.transportErrors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        var hello = await session.TryRunAsync(HostLayout.Path + "\necho lef-hello", timeout);
        if (hello is not { Code: 0 } || !hello.Value.Output.Contains("lef-hello", StringComparison.Ordinal))
        {
            // ssh's reason arrives on stderr as it exits; the parameterless wait is the one that waits for it to be read.
            if (process.WaitForExit(5000))
            {
                process.WaitForExit();
            }

            session.Dispose();
            throw new HostStepException(host, "connect", "unreachable (" + string.Join(' ', command) + "): " + session.TransportErrors);
        }

        return session;
    }

    /// <summary>What the transport itself printed (ssh's own errors), on one line.</summary>
    public string TransportErrors
    {
        get
        {
            lock (transportErrors)
            {
                var text = transportErrors.ToString().Trim().Replace('\n', ' ');
                return text.Length == 0 ? "no answer" : text;
            }
        }
    }

    /// <summary>Runs a step; its exit code and its output (stdout and stderr together). Null when the session ended.</summary>
    public async Task<(int Code, string Output)?> TryRunAsync(string script, TimeSpan timeout)
    {
        var name = "lef_step_" + (++steps).ToString(CultureInfo.InvariantCulture);
        try
        {
            await process.StandardInput.WriteAsync(name + "() {\n" + script + "\n}\n" + name + " </dev/null 2>&1; printf '\\n" + Marker + name + " %s\\n' \"$?\"\n");
            await process.StandardInput.FlushAsync();
        }
        catch (System.IO.IOException)
        {
            return null;
        }

        using var cancel = new CancellationTokenSource(timeout);
        var output = new StringBuilder();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.StartsWith(Marker, StringComparison.Ordinal))
                {
                    // The end of an earlier step that timed out (the shell ran it to its end before this one): what came so
                    // far is that step's, not this one's.
                    var end = line[Marker.Length..].Split(' ');
                    if (end[0] != name)
                    {
                        output.Clear();
                        continue;
                    }

                    return (int.Parse(end[^1], CultureInfo.InvariantCulture), output.ToString().TrimEnd('\n'));
                }

                output.Append(line).Append('\n');
            }
        }
        catch (OperationCanceledException)
        {
            throw new HostStepException(Host, "session", "no answer within " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s; output so far: " + OneLine(output.ToString()));
        }

        return null;
    }

    /// <summary>Runs a step that must succeed; otherwise a <see cref="HostStepException"/> for <paramref name="step"/>.</summary>
    public async Task<string> RunAsync(string step, string script, TimeSpan? timeout = null)
    {
        var result = await TryRunAsync(script, timeout ?? TimeSpan.FromSeconds(60));
        if (result is null)
        {
            throw new HostStepException(Host, step, "the connection ended: " + TransportErrors);
        }

        if (result.Value.Code != 0)
        {
            throw new HostStepException(Host, step, OneLine(result.Value.Output));
        }

        return result.Value.Output;
    }

    public static string OneLine(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.IO.IOException)
        {
            // Already gone: nothing is left to end.
        }

        process.Dispose();
    }
}
