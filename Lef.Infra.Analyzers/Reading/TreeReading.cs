using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers.Reading;

/// <summary>
/// What one file declares and what reading it found wrong. It holds for any later compilation with the same tree, the same
/// declaration shape (<see cref="DeclarationShape"/>) and the same files it took constant values from. <see cref="Trusted"/>
/// are the topology fields it named by class and name: the whole reading holds only if each is one of the
/// <see cref="Named"/> of some file, the fields of that record that any class may name (public or internal, in public or
/// internal classes). Anything else is the binder's to judge.
/// </summary>
internal sealed record TreeReading(
    long Shape,
    IReadOnlyList<Declaration> Declarations,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<SyntaxTree> ConstantSources,
    IReadOnlyList<TextSpan> Unproven,
    IReadOnlyList<(string Key, string Record)> Trusted,
    IReadOnlyList<(string Key, string Record)> Named)
{
    public bool HoldsIn(Compilation compilation, long shape) => shape != 0 && shape == Shape && ConstantSources.All(compilation.ContainsSyntaxTree);
}
