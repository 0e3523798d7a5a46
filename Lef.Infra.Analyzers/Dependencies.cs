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

    /// <summary>Each name with its sum in the compilation the reading was made in.</summary>
    public ImmutableArray<(string Name, ulong Sum)> Snapshot(NameTable table)
    {
        var snapshot = ImmutableArray.CreateBuilder<(string, ulong)>(names.Count);
        foreach (var name in names)
        {
            snapshot.Add((name, table[name]));
        }

        return snapshot.MoveToImmutable();
    }
}
