using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// What generated C# really declares, read with Roslyn's parser: its fields as <c>Class.Field</c>, and every construct an
/// import never intends (a directive, an attribute, a member that is not a field, a parse error, code in a comment's place).
/// </summary>
internal static class GeneratedCode
{
    private static readonly HashSet<string> Classes = new(StringComparer.Ordinal) { "Pools", "Vips", "Endpoints", "DnsViews", "Pairs", "Clusters" };

    public static (List<string> Fields, List<string> Problems) Read(IReadOnlyDictionary<string, string> files)
    {
        var fields = new List<string>();
        var problems = new List<string>();
        foreach (var (name, text) in files)
        {
            var tree = CSharpSyntaxTree.ParseText(text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), name);
            var root = (CompilationUnitSyntax)tree.GetRoot();
            problems.AddRange(tree.GetDiagnostics().Select(d => name + ": parse " + d.Id + " " + d.GetMessage()));
            if (root.ContainsDirectives)
            {
                problems.Add(name + ": holds a preprocessor directive");
            }

            foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
            {
                if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia) && !trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
                {
                    problems.Add(name + ": trivia " + trivia.Kind());
                }
            }

            foreach (var line in text.Split('\n'))
            {
                if (line.Any(c => c is '\r' or '\u0085' or '\u2028' or '\u2029'))
                {
                    problems.Add(name + ": a line break other than LF");
                }
            }

            var usings = root.Usings.Select(u => u.ToString()).ToList();
            if (!usings.SequenceEqual(["using Lef.Infra.Dsl;"]) && !(usings.Count == 0 && root.Members.Count == 0))
            {
                problems.Add(name + ": usings " + string.Join(" ", usings));
            }

            if (root.AttributeLists.Count > 0 || root.Externs.Count > 0)
            {
                problems.Add(name + ": assembly attributes or externs");
            }

            foreach (var member in root.Members)
            {
                if (member is not FileScopedNamespaceDeclarationSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "Topology" } } ns)
                {
                    problems.Add(name + ": top-level " + member.Kind());
                    continue;
                }

                foreach (var type in ns.Members)
                {
                    if (type is not ClassDeclarationSyntax @class || !Classes.Contains(@class.Identifier.ValueText) || @class.AttributeLists.Count > 0
                        || @class.Modifiers.ToString() != "public static partial" || @class.BaseList is not null || @class.TypeParameterList is not null)
                    {
                        problems.Add(name + ": type " + type.Kind() + " " + (type as BaseTypeDeclarationSyntax)?.Identifier.ValueText);
                        continue;
                    }

                    foreach (var classMember in @class.Members)
                    {
                        if (classMember is not FieldDeclarationSyntax field || field.AttributeLists.Count > 0 || field.Modifiers.ToString() != "public static readonly"
                            || field.Declaration.Variables.Count != 1)
                        {
                            problems.Add(name + ": member " + classMember.Kind() + " in " + @class.Identifier.ValueText);
                            continue;
                        }

                        var variable = field.Declaration.Variables[0];
                        if (variable.Initializer?.Value is not ImplicitObjectCreationExpressionSyntax creation
                            || creation.DescendantNodes().Any(n => n is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or InvocationExpressionSyntax or QueryExpressionSyntax))
                        {
                            problems.Add(name + ": " + @class.Identifier.ValueText + "." + variable.Identifier.ValueText + " is not a plain new(...)");
                        }

                        fields.Add(@class.Identifier.ValueText + "." + variable.Identifier.ValueText);
                    }
                }
            }
        }

        return (fields, problems);
    }
}
