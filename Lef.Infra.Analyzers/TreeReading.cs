using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Analyzers;

/// <summary>
/// The declarations one file gave in an earlier compilation, with the names they were looked up by. A later compilation
/// reuses them while its environment is the same and every one of those names has the same declarations (the same sum in
/// <see cref="NameTable"/>): nothing the reading depended on can have changed, so reuse gives exactly what reading again
/// would. References between files are links by full name, resolved in the model of each compilation, so they never go stale.
/// </summary>
internal sealed class TreeReading(
    ReadingEnvironment environment,
    ImmutableArray<string> dependencies,
    NameTable table,
    IReadOnlyList<PoolDeclaration> pools,
    IReadOnlyList<VipDeclaration> vips,
    IReadOnlyList<EndpointDeclaration> endpoints,
    IReadOnlyList<ViewDeclaration> views,
    IReadOnlyList<Violation> violations)
{
    private readonly ReadingEnvironment environment = environment;
    private readonly Sums dependencies = new(dependencies, table);

    public IReadOnlyList<PoolDeclaration> Pools { get; } = pools;

    public IReadOnlyList<VipDeclaration> Vips { get; } = vips;

    public IReadOnlyList<EndpointDeclaration> Endpoints { get; } = endpoints;

    public IReadOnlyList<ViewDeclaration> Views { get; } = views;

    /// <summary>What the reading found wrong (LEF0014 from names alone: anything the binder had to read is never reused).</summary>
    public IReadOnlyList<Violation> Violations { get; } = violations;

    /// <summary>The sketch's latest reading, when nothing it depended on changed.</summary>
    public static TreeReading? Reusable(TreeSketch sketch, ReadingEnvironment environment, NameTable names)
    {
        if (sketch.Reading is not { } reading || !reading.environment.Matches(environment))
        {
            return null;
        }

        if (reading.dependencies.IsFrom(names))
        {
            // Read in this very compilation (a second look, as a test's).
            return reading;
        }

        foreach (var (name, sum) in reading.dependencies.Get())
        {
            if (names[name] != sum)
            {
                return null;
            }
        }

        return reading;
    }

    /// <summary>
    /// The sums of the names a reading looked up, in the compilation it was read in: taken from that compilation's
    /// <see cref="NameTable"/> when a later one first compares them, then kept without the table, so a reading reused for a
    /// long time does not keep an old compilation's sketches (and trees) alive.
    /// </summary>
    private sealed class Sums(ImmutableArray<string> names, NameTable table)
    {
        private NameTable? table = table;
        private ImmutableArray<(string Name, ulong Sum)> sums;

        public bool IsFrom(NameTable names) => ReferenceEquals(Volatile.Read(ref table), names);

        public ImmutableArray<(string Name, ulong Sum)> Get()
        {
            if (Volatile.Read(ref table) is not { } from)
            {
                return sums;
            }

            var made = ImmutableArray.CreateBuilder<(string, ulong)>(names.Length);
            foreach (var name in names)
            {
                made.Add((name, from[name]));
            }

            // Published before the table is dropped: whoever sees no table sees these sums.
            sums = made.MoveToImmutable();
            Volatile.Write(ref table, null);
            return sums;
        }
    }
}
