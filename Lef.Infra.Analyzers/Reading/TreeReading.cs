using System.Collections.Generic;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// What one file declares and what reading it found wrong. It holds for any later compilation with the same tree, the same
/// declaration shape (<see cref="DeclarationShape"/>) and the same files it took constant values from.
/// </summary>
internal sealed record TreeReading(
    long Shape,
    IReadOnlyList<PoolDeclaration> Pools,
    IReadOnlyList<VipDeclaration> Vips,
    IReadOnlyList<EndpointDeclaration> Endpoints,
    IReadOnlyList<ViewDeclaration> Views,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<SyntaxTree> ConstantSources,
    IReadOnlyList<TextSpan> Unproven)
{
    public bool HoldsIn(Compilation compilation, long shape)
    {
        if (shape == 0 || shape != Shape)
        {
            return false;
        }

        foreach (var source in ConstantSources)
        {
            if (!compilation.ContainsSyntaxTree(source))
            {
                return false;
            }
        }

        return true;
    }
}
