using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Deployment;

/// <summary>Every file a deploy holds, by path relative to deploy/ ('/'-separated), rendered in memory before anything is written.</summary>
internal sealed class ArtifactSet
{
    private ArtifactSet(SortedDictionary<string, string> files) => Files = files;

    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>Renders every artifact of a valid model. Pure: the same model always gives the same bytes.</summary>
    public static ArtifactSet Render(TopologyModel model)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in model.Pools.Select(p => p.Host!).Distinct().Order(StringComparer.Ordinal))
        {
            files.Add(host + "/haproxy/haproxy.cfg", HaproxyConfigWriter.Write(model, host));
            foreach (var parentInterface in model.Pools.Where(p => p.Host == host).Select(p => p.Interface!).Distinct().Order(StringComparer.Ordinal))
            {
                files.Add(host + "/network/interfaces.d/" + InterfacesWriter.FileName(parentInterface), InterfacesWriter.Write(model, host, parentInterface));
            }
        }

        files.Add("dns/" + ZoneWriter.Origin + ".zone", ZoneWriter.Write(model, serial: 1));
        return new ArtifactSet(files);
    }
}
