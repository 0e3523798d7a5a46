using System.Collections.Generic;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// How commands reach a host: the user's own <c>ssh</c> (their config, agent and known_hosts; <c>-F</c> and <c>-o</c> passed
/// through), or <c>--local</c>, a shell on this machine when the tool runs on the host itself. No agent of our own.
/// </summary>
internal sealed record Transport(bool Local, string? SshConfig, IReadOnlyList<string> SshOptions)
{
    /// <summary>The program and arguments that give a shell on <paramref name="host"/> reading commands from stdin.</summary>
    public IReadOnlyList<string> Command(string host)
    {
        if (Local)
        {
            return ["sh"];
        }

        var command = new List<string> { "ssh", "-T", "-o", "BatchMode=yes" };
        if (SshConfig is not null)
        {
            command.AddRange(["-F", SshConfig]);
        }

        foreach (var option in SshOptions)
        {
            command.AddRange(["-o", option]);
        }

        command.AddRange(["--", host, "sh"]);
        return command;
    }
}
