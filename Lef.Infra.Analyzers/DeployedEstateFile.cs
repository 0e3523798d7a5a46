using System;
using System.IO;
using System.Threading;
using Lef.Infra.Dsl.Checking;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lef.Infra.Analyzers;

/// <summary>The committed address map, given to the analyzer as an AdditionalFile (Topology.csproj includes deploy/docs/core-lan-address-map.json).</summary>
internal static class DeployedEstateFile
{
    /// <summary>The estate in the AdditionalFile named like the address map; unknown when there is none, two, or it is not a map.</summary>
    public static DeployedEstate Read(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        string? text = null;
        var found = 0;
        foreach (var file in options.AdditionalFiles)
        {
            if (string.Equals(Path.GetFileName(file.Path), DeployedEstate.FileName, StringComparison.OrdinalIgnoreCase))
            {
                found++;
                text = file.GetText(cancellationToken)?.ToString();
            }
        }

        return found == 1 ? DeployedEstate.Parse(text) : DeployedEstate.Unknown;
    }
}
