using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Loading;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Apply;

/// <summary>What deploy/ gives each host, by live path: the files apply takes there (deploy/ is what was reviewed and committed).</summary>
internal static class Deployables
{
    /// <summary>How long apply waits for an emit writing deploy/ to finish: as long as diff does.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    public static SortedDictionary<string, SortedDictionary<string, string?>> ByHost(string deployDirectory)
    {
        if (!Directory.Exists(deployDirectory))
        {
            throw new DirectoryNotFoundException("no deploy folder at " + deployDirectory + "; run `" + RepoLayout.EmitCommand() + "` first");
        }

        var hosts = new SortedDictionary<string, SortedDictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var (path, content) in Read(deployDirectory))
        {
            if (LiveLayout.Target(path) is not { } live)
            {
                continue;
            }

            if (!hosts.TryGetValue(live.Host, out var files))
            {
                hosts[live.Host] = files = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            }

            files[live.Path] = content;
        }

        return hosts;
    }

    /// <summary>
    /// deploy/ as one tree, read under the emitters' shared lock (as diff reads it): an emit exchanging the folder meanwhile
    /// would have apply take some files from the old tree and some from the new.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Read(string deployDirectory)
    {
        try
        {
            using var folder = DeployFolder.Inspect(deployDirectory, LockWait);
            return folder.Current;
        }
        catch (DeployFolderException e)
        {
            throw new ApplyFailure(e.Failure == DeployFailure.Locked ? ApplyExit.Refused : Cli.Usage, e.Message + "; nothing was changed");
        }
    }

    public static bool IsDns(string host) => host == DnsLayout.Host;

    /// <summary>Proxy hosts first (sorted), the DNS host last: the order of an apply that adds endpoints.</summary>
    public static IEnumerable<string> InApplyOrder(IEnumerable<string> hosts) => hosts.OrderBy(IsDns).ThenBy(h => h, StringComparer.Ordinal);
}
