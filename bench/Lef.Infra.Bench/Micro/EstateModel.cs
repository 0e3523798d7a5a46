using System;
using System.IO;
using System.Reflection;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Bench.Micro;

/// <summary>The plain model of a synthetic estate, read the emitter's way (compiled, then reflection): what rules and writers get.</summary>
internal static class EstateModel
{
    public static TopologyModel Load(int endpoints)
    {
        var estate = SyntheticEstate.Generate(endpoints);
        var compilation = EstateCompilation.Create(EstateCompilation.Parse("/estate", estate.Files));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        EstateCompilation.EnsureClean(result.Diagnostics, "the compiler");
        var topology = TopologyLoader.Load(Assembly.Load(image.ToArray()), SourceSites.None("Estate"));
        if (topology.Violations.Count > 0)
        {
            throw new InvalidOperationException("the estate breaks a rule: " + topology.Violations[0].Message);
        }

        return topology.Model;
    }
}
