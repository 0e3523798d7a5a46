using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Analyzers.Reading;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Emit.Loading;

/// <summary>A topology read from its source by the analyzer's reader, with every rule re-run on it.</summary>
internal sealed record LoadedTopology(TopologyModel Model, IReadOnlyList<Violation> Violations)
{
    public bool IsValid => !Violations.Any(v => v.IsError);
}

/// <summary>Why a topology folder could not be read: each line is one message, compiler style.</summary>
internal sealed class TopologyLoadException(IReadOnlyList<string> messages) : System.Exception(string.Join("\n", messages))
{
    public IReadOnlyList<string> Messages { get; } = messages;
}

internal static class TopologyLoader
{
    /// <summary>Compiles and reads the folder; throws <see cref="TopologyLoadException"/> when it is missing, empty, does not compile, or its project changes which files compile.</summary>
    public static LoadedTopology Load(string directory, string displayRoot)
    {
        if (!Directory.Exists(directory))
        {
            throw new TopologyLoadException(["error: the topology folder " + directory + " does not exist; pass --topology DIR"]);
        }

        if (TopologyCompilation.SourceFiles(directory).Count == 0)
        {
            throw new TopologyLoadException(["error: the topology folder " + directory + " holds no .cs file"]);
        }

        if (ProjectItems.Refusals(directory, displayRoot) is { Count: > 0 } refusals)
        {
            throw new TopologyLoadException(refusals);
        }

        var compilation = TopologyCompilation.Create(directory, displayRoot);
        var dsl = DslSymbols.TryCreate(compilation)!;
        var (model, readerViolations, readings) = TopologyReader.Read(compilation, dsl, default);
        var errors = TopologyCompilation.Errors(compilation, readings);
        if (errors.Count > 0)
        {
            throw new TopologyLoadException(errors.Select(Format).ToList());
        }

        return new LoadedTopology(model, TopologyRules.Sort(readerViolations.Concat(TopologyRules.Check(model))));
    }

    /// <summary><c>Topology/Vips.cs:12:5: error CS0103: ...</c>, as the compiler prints it.</summary>
    private static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return span.Path + ":" + (span.StartLinePosition.Line + 1) + ":" + (span.StartLinePosition.Character + 1) + ": error " + diagnostic.Id + ": "
            + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
