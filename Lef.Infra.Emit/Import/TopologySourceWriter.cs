using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Emit.Writers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Writes an imported estate as Topology C#, the way a person writes it: one file per pool holding the pool, its VIPs and
/// the endpoints on them (partial classes, so files can be added by hand later), named arguments, the well-known ports and
/// engines by name, the live config's comments above what they described, and a TODO for every decision left to a human.
/// </summary>
internal static class TopologySourceWriter
{
    public const string Namespace = "Topology";
    public const string NotImportedFile = "NotImported.cs";
    public const string ViewsFile = "DnsViews.cs";
    public const string PairsFile = "Pairs.cs";

    /// <summary>File name → C# source, LF line endings.</summary>
    public static SortedDictionary<string, string> Write(ImportedEstate estate)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pool in estate.Pools)
        {
            files.Add(pool.Field + ".cs", WritePool(estate, pool));
        }

        if (estate.Views.Count > 0)
        {
            files.Add(ViewsFile, WriteViews(estate));
        }

        if (estate.Pairs.Count > 0)
        {
            files.Add(PairsFile, WritePairs(estate));
        }

        if (estate.Unattached.Count > 0)
        {
            var text = Comment(
                new Text(),
                "TODO(import): parts of the live configuration that were not imported. Decide what each one becomes (an endpoint declared by hand, "
                + "or nothing), then delete this file. Source: " + Sources(estate) + ".");
            foreach (var finding in estate.Unattached)
            {
                text.Line("// " + InertText.Line(finding.Site + ": " + finding.Message));
            }

            files.Add(NotImportedFile, text.ToString());
        }

        return files;
    }

    /// <summary>
    /// Why the written files are not what this writer means to write, or null: a parse error, a directive, or trivia other
    /// than comments and whitespace. A guard: live-file text is escaped (<see cref="InertText"/>), so this names a bug.
    /// </summary>
    public static string? Problem(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, text) in files)
        {
            var tree = CSharpSyntaxTree.ParseText(text, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), name);
            if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            {
                return name + ":" + (error.Location.GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture) + ": " + error.Id + " " + error.GetMessage(CultureInfo.InvariantCulture);
            }

            // Every trivia this writer writes sits at the start of a line: a file-wide walk of each token would cost more than the parse.
            var root = tree.GetRoot();
            if (root.ContainsDirectives || root.ContainsSkippedText || text.Contains("/*", StringComparison.Ordinal) && HasBlockComment(root))
            {
                return name + ": holds a directive or trivia that is not a comment";
            }
        }

        return null;
    }

    private static bool HasBlockComment(SyntaxNode root) => root.DescendantTrivia().Any(t => t.IsKind(SyntaxKind.MultiLineCommentTrivia));

    private const int CommentWidth = 120;

    private static string Sources(ImportedEstate estate) => string.Join(", ", estate.SourceFiles);

    /// <summary>A comment wrapped at word boundaries, so a long list of sources stays readable.</summary>
    private static Text Comment(Text text, string comment)
    {
        var line = "//";
        foreach (var word in InertText.Line(comment).Split(' '))
        {
            if (line.Length > 2 && line.Length + 1 + word.Length > CommentWidth)
            {
                text.Line(line);
                line = "//";
            }

            line += " " + word;
        }

        return text.Line(line);
    }

    private static Text Header(ImportedEstate estate) =>
        Comment(new Text(), "Imported by `lef-infra import` from " + Sources(estate) + ".")
            .Line("// Resolve the TODO(import) comments, then edit freely: from now on this file is the source of truth.")
            .Line("using Lef.Infra.Dsl;")
            .Line()
            .Line("namespace " + Namespace + ";")
            .Line();

    private static string WriteViews(ImportedEstate estate)
    {
        var text = Header(estate).Line("public static partial class DnsViews").Line("{");
        for (var i = 0; i < estate.Views.Count; i++)
        {
            var view = estate.Views[i];
            if (i > 0)
            {
                text.Line();
            }

            Annotations(text, [], view.Todos);
            text.Line("    public static readonly DnsView " + view.Field + " = new(")
                .Line("        Name: " + Literal(view.Name) + ",")
                .Line("        MatchClients: [" + string.Join(", ", view.MatchClients.Select(Literal)) + "],")
                .Line("        Kind: ViewKind." + view.Kind + ");");
        }

        return text.Line("}").ToString();
    }

    private static string WritePairs(ImportedEstate estate)
    {
        var text = Header(estate).Line("public static partial class Pairs").Line("{");
        foreach (var pair in estate.Pairs)
        {
            static string Node(KeepalivedNode node) =>
                "new PairNode(Host: " + Literal(node.Host) + ", Address: " + Literal(node.Source ?? "TODO") + ", Priority: " + (node.Priority?.ToString(CultureInfo.InvariantCulture) ?? "100") + ")";
            text.Line("    // " + InertText.Line("vrrp_instance " + pair.Name + " on " + pair.First.Host + " and " + pair.Second.Host + "."))
                .Line("    public static readonly ProxyPair " + pair.Field + " = new(")
                .Line("        Name: " + Literal(pair.Name) + ",")
                .Line("        First: " + Node(pair.First) + ",")
                .Line("        Second: " + Node(pair.Second) + ",")
                .Line("        Interface: " + Literal(pair.First.Interface ?? "ens18") + ",")
                .Line("        VirtualRouterId: " + (pair.First.RouterId?.ToString(CultureInfo.InvariantCulture) ?? "0") + ",")
                .Line("        AdvertIntervalMs: " + (pair.First.AdvertMs ?? 1000).ToString(CultureInfo.InvariantCulture) + ",")
                .Line("        UnicastPeers: [" + string.Join(", ", new[] { pair.First.Source, pair.Second.Source }.OfType<string>().Select(Literal)) + "],")
                .Line("        FailBack: FailBack." + (pair.First.NoPreempt ? "Stay" : "Preempt") + ");");
        }

        return text.Line("}").ToString();
    }

    private static string WritePool(ImportedEstate estate, ImportedPool pool)
    {
        var text = Header(estate)
            .Line("public static partial class Pools")
            .Line("{")
            .Line("    // " + InertText.Line(pool.Host + " " + pool.Interface) + (pool.RangeGiven
                ? ": network from its aliases, range as given to the import."
                : ": network from its aliases; First..Last spans them (widen it to the documented pool)."))
            .Line("    public static readonly VipPool " + pool.Field + " = new(")
            .Line(pool.Pair is { } pair ? "        Pair: Pairs." + pair.Field + "," : "        Host: " + Literal(pool.Host) + ",")
            .Line("        Interface: " + Literal(pool.Interface) + ",")
            .Line("        Network: " + Literal(pool.Network) + ",")
            .Line("        First: " + Literal(pool.First) + ",")
            .Line("        Last: " + Literal(pool.Last) + ");")
            .Line("}");

        if (pool.Vips.Count > 0)
        {
            text.Line().Line("public static partial class Vips").Line("{");
            for (var i = 0; i < pool.Vips.Count; i++)
            {
                var vip = pool.Vips[i];
                if (i > 0)
                {
                    text.Line();
                }

                Annotations(text, vip.Comments, vip.Todos);
                text.Line("    public static readonly Vip " + vip.Field + " = new(Pool: Pools." + pool.Field + ", Address: " + Literal(vip.Address)
                    + ", Alias: " + Number(vip.Alias) + ");");
            }

            text.Line("}");
        }

        if (pool.Endpoints.Count > 0)
        {
            text.Line().Line("public static partial class Endpoints").Line("{");
            for (var i = 0; i < pool.Endpoints.Count; i++)
            {
                var endpoint = pool.Endpoints[i];
                if (i > 0)
                {
                    text.Line();
                }

                Annotations(text, endpoint.Comments, endpoint.Todos);
                text.Line("    public static readonly Endpoint " + endpoint.Field + " = new(")
                    .Line("        Name: " + Literal(endpoint.Name) + ",")
                    .Line("        Vip: Vips." + endpoint.VipField + ",")
                    .Line("        Port: " + Port(endpoint.Port) + ",")
                    .Line("        Engine: Engine." + endpoint.Engine + ",")
                    .Line("        Backend: new Backend(Host: " + Literal(endpoint.BackendHost) + ", Port: " + Port(endpoint.BackendPort) + ")"
                        + (endpoint.ViewFields is { } views ? "," : ");"));
                if (endpoint.ViewFields is { } listed)
                {
                    text.Line("        Views: [" + string.Join(", ", listed.Select(v => "DnsViews." + v)) + "]);");
                }
            }

            text.Line("}");
        }

        return text.ToString();
    }

    /// <summary>The live config's own comments, then one TODO line per decision left open.</summary>
    private static void Annotations(Text text, IReadOnlyList<string> comments, IReadOnlyList<ImportFinding> todos)
    {
        foreach (var comment in comments)
        {
            text.Line("    // " + InertText.Line(comment));
        }

        foreach (var todo in todos)
        {
            text.Line("    // TODO(import): " + InertText.Line(todo.Site + ": " + todo.Message));
        }
    }

    private static string Port(int port) => port switch
    {
        Ports.SqlServer => "Ports." + nameof(Ports.SqlServer),
        Ports.PostgreSql => "Ports." + nameof(Ports.PostgreSql),
        _ => Number(port),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Literal(string value) => InertText.Literal(value);
}
