using System.Collections.Generic;
using System.Threading;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Every declared name of one compilation, each with the sum of its declarations' hashes (<see cref="DeclaredNames"/>).
/// A cached reading of a file stays valid while every name it looked up has the same sum: no declaration of those names
/// was added, removed or changed anywhere. Built from the cached sketches (no syntax is walked), and only when first asked:
/// a build reads every file and compares nothing, so it never needs the sums; the next compilation, an IDE's, does.
/// </summary>
internal sealed class NameTable(IReadOnlyList<TreeSketch> sketches)
{
    private Dictionary<string, ulong>? sums;

    /// <summary>The sum for a name; 0 when nothing declares it (a name from a referenced assembly, or none at all).</summary>
    public ulong this[string name] => Sums.TryGetValue(name, out var sum) ? sum : 0;

    /// <summary>Made once; two compilations asking at once may both make it, and one is kept (they are equal).</summary>
    private Dictionary<string, ulong> Sums
    {
        get
        {
            if (Volatile.Read(ref sums) is { } made)
            {
                return made;
            }

            var built = new Dictionary<string, ulong>(System.StringComparer.Ordinal);
            foreach (var sketch in sketches)
            {
                foreach (var name in sketch.Declared)
                {
                    built[name.Name] = (built.TryGetValue(name.Name, out var sum) ? sum : 0) + name.Hash;
                }
            }

            return Interlocked.CompareExchange(ref sums, built, null) ?? built;
        }
    }
}
