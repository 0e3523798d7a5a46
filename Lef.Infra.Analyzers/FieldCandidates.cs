using System.Collections.Generic;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Every sketched field of one compilation by its type's full name and its own: how <c>Vips.Erp</c> in one file finds its
/// declaration in another without binding. Made from each file's own index (<see cref="TreeSketch.FieldsByType"/>, kept with
/// the tree), so it costs one entry per type and file, not one per field; the first file that declares a name wins.
/// </summary>
internal sealed class FieldCandidates
{
    private readonly Dictionary<string, List<Dictionary<string, FieldSketch>>> byType = new(System.StringComparer.Ordinal);

    /// <summary>Full names declared more than once, not all of them partial (CS0101): the binder finds no one type there.</summary>
    private readonly HashSet<string> ambiguous = new(System.StringComparer.Ordinal);

    public FieldCandidates(IEnumerable<TreeSketch> sketches)
    {
        // Full name: whether every declaration seen so far is partial.
        var declared = new Dictionary<string, bool>(System.StringComparer.Ordinal);
        foreach (var sketch in sketches)
        {
            foreach (var (key, isPartial) in sketch.TypeKeys)
            {
                if (!declared.TryGetValue(key, out var allPartial))
                {
                    declared.Add(key, isPartial);
                }
                else if (!(allPartial && isPartial))
                {
                    declared[key] = false;
                    ambiguous.Add(key);
                }
            }

            foreach (var type in sketch.FieldsByType)
            {
                if (!byType.TryGetValue(type.Key, out var parts))
                {
                    parts = new List<Dictionary<string, FieldSketch>>(1);
                    byType.Add(type.Key, parts);
                }

                parts.Add(type.Value);
            }
        }
    }

    /// <summary>The field <paramref name="name"/> of the type <paramref name="typeKey"/>, in the first file (in compilation order) that declares one.</summary>
    public bool TryGet(string typeKey, string name, out FieldSketch field)
    {
        if (!ambiguous.Contains(typeKey) && byType.TryGetValue(typeKey, out var parts))
        {
            foreach (var part in parts)
            {
                if (part.TryGetValue(name, out field!))
                {
                    return true;
                }
            }
        }

        field = null!;
        return false;
    }
}
