using System;
using System.Collections.Generic;
using System.IO;

namespace Lef.Infra.Emit.Apply;

/// <summary>What every command works from: the deploy folder, the host it is limited to, the transport, where it prints.</summary>
internal sealed record HostContext(string Deploy, string? Host, Transport Transport, TextWriter Output, TextWriter Errors)
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public SortedDictionary<string, SortedDictionary<string, string?>> Targets()
    {
        var all = Deployables.ByHost(Deploy);
        if (Host is null)
        {
            return all;
        }

        return all.TryGetValue(Host, out var files)
            ? new SortedDictionary<string, SortedDictionary<string, string?>>(StringComparer.Ordinal) { [Host] = files }
            : throw new ApplyFailure(Cli.Usage, "no deployables for host " + Host + "; deploy/ names " + string.Join(", ", all.Keys));
    }
}
