using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lef.Infra.Analyzers;

/// <summary>What every reading of a compilation depends on besides its trees: the references (the DSL among them) and the options.</summary>
internal sealed class ReadingEnvironment
{
    private readonly CompilationOptions options;
    private readonly ImmutableArray<MetadataReference> references;

    private ReadingEnvironment(CompilationOptions options, ImmutableArray<MetadataReference> references)
    {
        this.options = options;
        this.references = references;
    }

    public static ReadingEnvironment Of(Compilation compilation) => new(compilation.Options, compilation.ExternalReferences);

    /// <summary>Same options and the very same reference objects (an IDE keeps them from one keystroke to the next).</summary>
    public bool Matches(ReadingEnvironment other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!ReferenceEquals(options, other.options) && !options.Equals(other.options))
        {
            return false;
        }

        if (references.Length != other.references.Length)
        {
            return false;
        }

        for (var i = 0; i < references.Length; i++)
        {
            if (!ReferenceEquals(references[i], other.references[i]))
            {
                return false;
            }
        }

        return true;
    }
}
