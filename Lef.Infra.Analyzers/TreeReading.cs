using System.Collections.Generic;
using System.Collections.Immutable;
using Lef.Infra.Dsl.Model;
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
    ImmutableArray<(string Name, ulong Sum)> dependencies,
    IReadOnlyList<PoolDeclaration> pools,
    IReadOnlyList<VipDeclaration> vips,
    IReadOnlyList<EndpointDeclaration> endpoints,
    IReadOnlyList<ViewDeclaration> views,
    IReadOnlyList<Violation> violations)
{
    private readonly ReadingEnvironment environment = environment;
    private readonly ImmutableArray<(string Name, ulong Sum)> dependencies = dependencies;

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

        foreach (var (name, sum) in reading.dependencies)
        {
            if (names[name] != sum)
            {
                return null;
            }
        }

        return reading;
    }

}
