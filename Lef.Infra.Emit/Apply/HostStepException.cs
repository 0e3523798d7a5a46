using System;

namespace Lef.Infra.Emit.Apply;

/// <summary>A step that failed on a host: the one-line error names the host, the step and the file or endpoint.</summary>
internal sealed class HostStepException(string host, string step, string detail) : Exception(host + ": " + step + ": " + detail)
{
    public string Host { get; } = host;

    public string Step { get; } = step;
}
