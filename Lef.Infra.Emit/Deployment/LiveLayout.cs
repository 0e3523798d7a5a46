using System;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Deployment;

/// <summary>Where each deployable lives on its host: what <c>diff --against</c> compares it with.</summary>
internal static class LiveLayout
{
    /// <summary>The host and absolute path a deploy/ file is copied to; null for files no host gets (docs/, the marker).</summary>
    public static (string Host, string Path)? Target(string deployPath)
    {
        var parts = deployPath.Split('/');
        return parts switch
        {
            [ArtifactSet.DnsFolder, ..] => (DnsLayout.Host, DnsLayout.LiveDirectory + "/" + string.Join('/', parts[1..])),
            [ArtifactSet.DocsFolder, ..] or [DeployFolder.MarkerFile] => null,
            [ArtifactSet.HostsFolder, var host, "haproxy", var file] => (host, "/etc/haproxy/" + file),
            [ArtifactSet.HostsFolder, var host, "network", "interfaces.d", var file] => (host, "/etc/network/interfaces.d/" + file),
            [ArtifactSet.HostsFolder, var host, ArtifactSet.KeepalivedFolder, "keepalived.conf"] => (host, KeepalivedConfigWriter.LivePath),
            [ArtifactSet.HostsFolder, var host, ArtifactSet.SysctlFolder, var file] => (host, SysctlWriter.LiveDirectory + "/" + file),
            _ => throw new ArgumentException("no live location for " + deployPath, nameof(deployPath)),
        };
    }
}
