using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lef.Infra.Testing;

/// <summary>
/// A topology written to a temporary folder (so error messages have real files and lines) and checked to compile, without
/// the analyzer: this is how tests hand the emitter a topology the analyzer would have stopped.
/// </summary>
public sealed class TopologySources : IDisposable
{
    private static int counter;

    private TopologySources(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder holding the .cs files: what <c>--topology</c> takes.</summary>
    public string Directory { get; }

    /// <summary>Writes the files (name → C# source) and compiles them; throws with the compiler's errors if they do not compile.</summary>
    public static TopologySources Compile(IReadOnlyDictionary<string, string> files)
    {
        // One number per compilation, read once: two tests compiling at the same time must not share a folder or an assembly name.
        var number = Interlocked.Increment(ref counter);
        var directory = Path.Combine(Path.GetTempPath(), "lef-topology-" + Environment.ProcessId + "-" + number);
        System.IO.Directory.CreateDirectory(directory);
        var trees = new List<SyntaxTree>();
        foreach (var (name, source) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, source);
            trees.Add(CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path));
        }

        // Compiled to check the test's own sources, not to be run: the emitter reads the folder itself.
        var compilation = CSharpCompilation.Create(
            "TestTopology" + number, trees, FrameworkReferences.WithDsl, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("test topology does not compile:\n" + string.Join("\n", errors));
        }

        return new TopologySources(directory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (IOException)
        {
        }
    }
}
