using System.Collections.Generic;
using System.Collections.Immutable;

namespace Lef.Infra.Analyzers;

/// <summary>The names one file's reading looked up, and whether the reading may be reused at all (see <see cref="TreeReading"/>).</summary>
/// <remarks>A reader keeps one and clears it for each file, so the set is grown once, not file after file.</remarks>
internal sealed class Dependencies
{
    private readonly HashSet<string> names = new(System.StringComparer.Ordinal) { DeclaredNames.GlobalUsings };

    /// <summary>False once something was read that the names alone do not pin down (the binder read a field, a computed const).</summary>
    public bool IsCacheable { get; private set; } = true;

    /// <summary>As new: for the next file.</summary>
    public void Clear()
    {
        names.Clear();
        names.Add(DeclaredNames.GlobalUsings);
        IsCacheable = true;
    }

    public void Add(ImmutableArray<string> parts)
    {
        foreach (var part in parts)
        {
            names.Add(part);
        }
    }

    public void Uncacheable() => IsCacheable = false;

    /// <summary>Every name looked up, in no particular order.</summary>
    public ImmutableArray<string> Names => names.ToImmutableArray();
}
