using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Analyzers.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Emit.Loading;

/// <summary>
/// The Topology folder compiled in memory, as its project builds it: the .cs files its default items take, against
/// Lef.Infra.Dsl and the running framework. Nothing is emitted or loaded: the reader reads the source.
/// </summary>
internal static class TopologyCompilation
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithPreprocessorSymbols("TRACE", "NET", "NET10_0", "NETCOREAPP", "NET10_0_OR_GREATER");

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(Lef.Infra.Dsl.Vip).Assembly.Location))
            .ToList());

    /// <summary>The .cs files of the folder, by path; shown relative to <paramref name="displayRoot"/> in every message.</summary>
    public static Compilation Create(string directory, string displayRoot)
    {
        var trees = SourceFiles(directory)
            .AsParallel().AsOrdered()
            .Select(file => CSharpSyntaxTree.ParseText(
                SourceText.From(File.ReadAllText(file)), ParseOptions, DisplayPath(file, displayRoot)))
            .ToList();
        return CSharpCompilation.Create(
            "Topology",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Relative to the repository when the file is in it (<c>Topology/Vips.cs</c>), otherwise the full path.</summary>
    private static string DisplayPath(string file, string displayRoot)
    {
        var relative = Path.GetRelativePath(displayRoot, file);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative).Replace('\\', '/');
    }

    /// <summary>
    /// The files the SDK's default items compile (<c>**/*.cs</c>, less <c>bin/**</c>, <c>obj/**</c> and <c>**/.*/**</c>),
    /// matched as MSBuild matches them: extensions and folder names in any case, hidden folders skipped at any depth, a
    /// <c>bin/</c> or <c>obj/</c> below the top compiled, and a linked folder followed unless it links back to itself or a
    /// folder above it (a loop).
    /// </summary>
    public static IReadOnlyList<string> SourceFiles(string directory)
    {
        var files = new List<string>();
        Walk(new DirectoryInfo(directory), top: true, files);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Walk(DirectoryInfo folder, bool top, List<string> files)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0 };
        files.AddRange(folder.EnumerateFiles("*", options).Where(f => f.Name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).Select(f => f.FullName));
        foreach (var sub in folder.EnumerateDirectories("*", options))
        {
            var skipped = sub.Name.StartsWith('.') || (top && (sub.Name.Equals("bin", StringComparison.OrdinalIgnoreCase) || sub.Name.Equals("obj", StringComparison.OrdinalIgnoreCase)));
            if (!skipped && !(sub.LinkTarget is not null && sub.ResolveLinkTarget(returnFinalTarget: true) is { } target && IsAtOrAbove(target.FullName, sub.FullName)))
            {
                Walk(sub, top: false, files);
            }
        }
    }

    /// <summary>Whether <paramref name="folder"/> holds <paramref name="path"/> (the file system's root holds every path).</summary>
    private static bool IsAtOrAbove(string folder, string path)
    {
        var prefix = Path.TrimEndingDirectorySeparator(folder);
        return path.StartsWith(prefix.EndsWith(Path.DirectorySeparatorChar) ? prefix : prefix + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every compiler error: parsing, declarations, and the code of every member the reader did not read the plain way (a
    /// field read the plain way is a literal, a constant or a field of exactly its parameter's type: it cannot have one,
    /// unless an attribute gives it one: <c>[Obsolete(error: true)]</c> or <c>[Experimental]</c> on the constant or field it
    /// names. So where any declaration has an attribute, every member of every file is compiled).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Errors(Compilation compilation, IReadOnlyList<TreeReading> readings)
    {
        var trees = compilation.SyntaxTrees.ToList();
        var whole = trees.AsParallel().Any(HasAttributes);
        var bodies = new List<Diagnostic>[trees.Count];
        Lef.Infra.Dsl.Checking.Concurrently.For(trees.Count, default, () => 0, (_, i) =>
        {
            var model = compilation.GetSemanticModel(trees[i]);
            bodies[i] = whole ? model.GetMethodBodyDiagnostics().ToList() : readings[i].Unproven.SelectMany(span => model.GetMethodBodyDiagnostics(span)).ToList();
        });
        return compilation.GetParseDiagnostics()
            .Concat(compilation.GetDeclarationDiagnostics())
            .Concat(bodies.SelectMany(b => b))
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Distinct()
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An attribute on a type or member: looked for outside initializers and bodies, where declarations are.</summary>
    private static bool HasAttributes(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes(node => node is not (EqualsValueClauseSyntax or BlockSyntax or ArrowExpressionClauseSyntax))
            .Any(node => node is AttributeListSyntax { Parent: MemberDeclarationSyntax });
}
