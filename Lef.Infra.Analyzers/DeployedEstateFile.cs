using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Lef.Infra.Dsl.Checking;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>The committed address map, given to the analyzer as an AdditionalFile (Topology.csproj includes deploy/docs/core-lan-address-map.json).</summary>
internal static class DeployedEstateFile
{
    /// <summary>Each text read once: an IDE hands every keystroke's compilation the same text until the file changes.</summary>
    private static readonly ConditionalWeakTable<SourceText, DeployedEstate> ReadTexts = new();

    /// <summary>The estate in the AdditionalFile named like the address map; unknown when there is none, two, or it is not a map.</summary>
    public static DeployedEstate Read(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        SourceText? text = null;
        var found = 0;
        foreach (var file in options.AdditionalFiles)
        {
            if (string.Equals(Path.GetFileName(file.Path), DeployedEstate.FileName, StringComparison.OrdinalIgnoreCase))
            {
                found++;
                text = file.GetText(cancellationToken);
            }
        }

        return found == 1 && text is not null ? ReadTexts.GetValue(text, t => DeployedEstate.Parse(t.ToString())) : DeployedEstate.Unknown;
    }
}
