using System.Collections.Generic;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Every declared name of one compilation, each with the sum of its declarations' hashes (<see cref="DeclaredNames"/>).
/// A cached reading of a file stays valid while every name it looked up has the same sum: no declaration of those names
/// was added, removed or changed anywhere. Built per compilation from the cached sketches: no syntax is walked.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, ulong> sums = new(System.StringComparer.Ordinal);

    public void Add(TreeSketch sketch)
    {
        foreach (var name in sketch.Declared)
        {
            sums[name.Name] = (sums.TryGetValue(name.Name, out var sum) ? sum : 0) + name.Hash;
        }
    }

    /// <summary>The sum for a name; 0 when nothing declares it (a name from a referenced assembly, or none at all).</summary>
    public ulong this[string name] => sums.TryGetValue(name, out var sum) ? sum : 0;
}
