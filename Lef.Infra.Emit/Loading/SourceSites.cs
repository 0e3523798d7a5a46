using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Emit.Loading;

/// <summary>Where one topology field and its arguments are written.</summary>
internal sealed record FieldSites(SourceSite Site, IReadOnlyDictionary<string, SourceSite> Arguments);

/// <summary>
/// The file and line of every topology field, found by parsing (not compiling) the Topology sources. The emitter takes
/// values from the compiled assembly; this only lets its errors point where the analyzer's do.
/// </summary>
internal sealed class SourceSites
{
    private static readonly Dictionary<string, string[]> ParametersByType = new[] { typeof(VipPool), typeof(Vip), typeof(Endpoint), typeof(Backend), typeof(DnsView) }
        .ToDictionary(t => t.Name, t => t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters().Select(p => p.Name!).ToArray());

    private readonly Dictionary<string, FieldSites> byKey;
    private readonly string fallbackPath;

    private SourceSites(Dictionary<string, FieldSites> byKey, string fallbackPath)
    {
        this.byKey = byKey;
        this.fallbackPath = fallbackPath;
    }

    public static SourceSites None(string fallbackPath) => new([], fallbackPath);

    /// <summary>Scans every .cs file under <paramref name="sourceDirectory"/> (bin and obj excluded); paths are shown relative to <paramref name="displayRoot"/>.</summary>
    public static SourceSites Scan(string sourceDirectory, string displayRoot, string fallbackPath)
    {
        var map = new Dictionary<string, FieldSites>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(sourceDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(sourceDirectory, f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var displayPath = Path.GetRelativePath(displayRoot, file).Replace('\\', '/');
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: displayPath);
            foreach (var (key, sites) in Fields(tree))
            {
                map.TryAdd(key, sites);
            }
        }

        return new SourceSites(map, fallbackPath);
    }

    public FieldSites For(string key) =>
        byKey.TryGetValue(key, out var sites) ? sites : new FieldSites(new SourceSite(fallbackPath, 0, 0, 0, 0), new Dictionary<string, SourceSite>());

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first is "bin" or "obj";
    }

    private static IEnumerable<(string Key, FieldSites Sites)> Fields(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        foreach (var variable in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or FieldDeclarationSyntax or VariableDeclarationSyntax)
                     .OfType<VariableDeclaratorSyntax>())
        {
            if (variable.Parent?.Parent is not FieldDeclarationSyntax field)
            {
                continue;
            }

            var arguments = new Dictionary<string, SourceSite>(StringComparer.Ordinal);
            if (variable.Initializer?.Value is BaseObjectCreationExpressionSyntax creation)
            {
                AddArguments(tree, creation, TypeName(field.Declaration.Type), prefix: string.Empty, arguments);
            }

            yield return (KeyOf(variable, variable.Identifier), new FieldSites(SiteOf(tree, variable.Identifier.Span), arguments));
        }

        // Auto-properties hold records too (LEF0014); their site is the property name.
        foreach (var property in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<PropertyDeclarationSyntax>())
        {
            yield return (KeyOf(property, property.Identifier), new FieldSites(SiteOf(tree, property.Identifier.Span), new Dictionary<string, SourceSite>()));
        }
    }

    private static void AddArguments(SyntaxTree tree, BaseObjectCreationExpressionSyntax creation, string typeName, string prefix, Dictionary<string, SourceSite> into)
    {
        if (creation.ArgumentList is null || !ParametersByType.TryGetValue(typeName, out var parameters))
        {
            return;
        }

        var position = 0;
        foreach (var argument in creation.ArgumentList.Arguments)
        {
            var name = argument.NameColon?.Name.Identifier.ValueText ?? (position < parameters.Length ? parameters[position] : null);
            position++;
            if (name is null)
            {
                continue;
            }

            into[prefix + name] = SiteOf(tree, argument.Expression.Span);
            if (argument.Expression is BaseObjectCreationExpressionSyntax nested && name == nameof(Endpoint.Backend))
            {
                AddArguments(tree, nested, nameof(Backend), prefix + name + ".", into);
            }
            else if (Elements(argument.Expression) is { } elements)
            {
                for (var i = 0; i < elements.Count; i++)
                {
                    into[prefix + name + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"] = SiteOf(tree, elements[i].Span);
                }
            }
        }
    }

    /// <summary>The elements of a list written in place (<c>[a, b]</c>, <c>new[] { a, b }</c>), sited as the analyzer sites them.</summary>
    private static IReadOnlyList<SyntaxNode>? Elements(ExpressionSyntax expression) => expression switch
    {
        CollectionExpressionSyntax collection => collection.Elements
            .Select(e => e is ExpressionElementSyntax element ? element.Expression : (SyntaxNode)e).ToList(),
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
        _ => null,
    };

    private static string TypeName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => type.ToString(),
    };

    /// <summary>Namespace, enclosing types and field, dotted: the same key the analyzer gives the field's symbol.</summary>
    private static string KeyOf(SyntaxNode member, SyntaxToken identifier)
    {
        var parts = new List<string> { identifier.ValueText };
        for (var node = member.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax type:
                    parts.Insert(0, type.Identifier.ValueText);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    parts.Insert(0, ns.Name.ToString());
                    break;
            }
        }

        return string.Join(".", parts);
    }

    private static SourceSite SiteOf(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var start = tree.GetLineSpan(span).StartLinePosition;
        return new SourceSite(tree.FilePath, span.Start, span.Length, start.Line + 1, start.Character + 1);
    }
}
