using System;
using System.IO;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Bench.Micro;

/// <summary>The plain model of a synthetic estate, read the emitter's way: what rules and writers get.</summary>
internal static class EstateModel
{
    public static TopologyModel Load(int endpoints)
    {
        var estate = SyntheticEstate.Generate(endpoints);
        var directory = Path.Combine(Path.GetTempPath(), "lef-estate-" + endpoints + "-" + Environment.ProcessId);
        foreach (var (path, source) in estate.Files)
        {
            var file = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, source);
        }

        var topology = TopologyLoader.Load(directory, directory);
        if (topology.Violations.Count > 0)
        {
            throw new InvalidOperationException("the estate breaks a rule: " + topology.Violations[0].Message);
        }

        return topology.Model;
    }
}
