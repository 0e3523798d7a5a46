using System.Collections.Generic;
using System.Collections.Immutable;

namespace Lef.Infra.Analyzers;

/// <summary>The names one file's reading looked up, and whether the reading may be reused at all (see <see cref="TreeReading"/>).</summary>
internal sealed class Dependencies
{
    private readonly HashSet<string> names = new(System.StringComparer.Ordinal) { DeclaredNames.GlobalUsings };

    /// <summary>False once something was read that the names alone do not pin down (the binder read a field, a computed const).</summary>
    public bool IsCacheable { get; private set; } = true;

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
