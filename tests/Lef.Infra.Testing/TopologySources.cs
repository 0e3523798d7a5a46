using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lef.Infra.Testing;

/// <summary>
/// A topology written to a temporary folder (so error messages have real files and lines) and compiled to a DLL beside it,
/// without the analyzer: this is how tests hand the emitter a topology the analyzer would have stopped.
/// </summary>
public sealed class TopologySources : IDisposable
{
    private static int counter;

    private TopologySources(string directory, string assemblyPath)
    {
        Directory = directory;
        AssemblyPath = assemblyPath;
    }

    /// <summary>The folder holding the .cs files (and bin/ with the DLL, which source scans skip).</summary>
    public string Directory { get; }

    public string AssemblyPath { get; }

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

        // A unique name per compilation: each one is loaded into the test process for good.
        var assemblyName = "TestTopology" + Environment.ProcessId + "_" + number;
        var compilation = CSharpCompilation.Create(
            assemblyName, trees, FrameworkReferences.WithDsl, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var assemblyPath = Path.Combine(directory, "bin", assemblyName + ".dll");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(assemblyPath)!);
        var result = compilation.Emit(assemblyPath);
        if (!result.Success)
        {
            throw new InvalidOperationException("test topology does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return new TopologySources(directory, assemblyPath);
    }

    public void Dispose()
    {
        // The DLL stays loaded in the test process; only the sources and output folders are ours to remove.
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
