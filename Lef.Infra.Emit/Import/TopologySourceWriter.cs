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
    public const string ClustersFile = "Clusters.cs";

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

        if (estate.Clusters.Count > 0)
        {
            files.Add(ClustersFile, WriteClusters(estate));
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
        for (var i = 0; i < estate.Pairs.Count; i++)
        {
            var pair = estate.Pairs[i];
            if (i > 0)
            {
                text.Line();
            }

            Annotations(text, pair.Comments, pair.Todos);
            text.Line("    public static readonly ProxyPair " + pair.Field + " = new(")
                .Line("        Name: " + Literal(pair.Name) + ",")
                .Line("        First: " + Node(pair.First) + ",")
                .Line("        Second: " + Node(pair.Second) + ",")
                .Line("        Interface: " + Literal(pair.Interface) + ",")
                .Line("        VirtualRouterId: " + Number(pair.VirtualRouterId) + ",")
                .Line("        AdvertIntervalMs: " + Number(pair.AdvertIntervalMs) + ",")
                .Line("        UnicastPeers: [" + string.Join(", ", pair.UnicastPeers.Select(Literal)) + "],")
                .Line("        FailBack: FailBack." + pair.FailBack + ");");
        }

        return text.Line("}").ToString();
    }

    private static string WriteClusters(ImportedEstate estate)
    {
        var text = Header(estate).Line("public static partial class Clusters").Line("{");
        for (var i = 0; i < estate.Clusters.Count; i++)
        {
            var cluster = estate.Clusters[i];
            if (i > 0)
            {
                text.Line();
            }

            text.Line("    public static readonly Cluster " + cluster.Field + " = new(")
                .Line("        Name: " + Literal(cluster.Name) + ",")
                .Line("        Engine: Engine." + cluster.Engine + ",")
                .Line("        Nodes:")
                .Line("        [");
            foreach (var node in cluster.Nodes)
            {
                text.Line("            new ClusterNode(Host: " + Literal(node.Host) + ", Port: " + Port(node.Port) + ", CheckPort: " + (node.CheckPort == Ports.PatroniRest ? "Ports." + nameof(Ports.PatroniRest) : Number(node.CheckPort)) + "),");
            }

            text.Line("        ],")
                .Line("        Check: RoleCheck.PatroniRest" + (cluster.OnMarkedDown == OnMarkedDown.KeepSessions ? "," : ");"));
            if (cluster.OnMarkedDown == OnMarkedDown.KeepSessions)
            {
                text.Line("        OnMarkedDown: OnMarkedDown.KeepSessions);");
            }
        }

        return text.Line("}").ToString();
    }

    private static string Node(PairNode node) =>
        "new PairNode(Host: " + Literal(node.Host) + ", Address: " + Literal(node.Address) + ", Priority: " + Number(node.Priority) + ")";

    private static string WritePool(ImportedEstate estate, ImportedPool pool)
    {
        var text = Header(estate)
            .Line("public static partial class Pools")
            .Line("{")
            .Line("    // " + InertText.Line(pool.Host + " " + pool.Interface) + (pool.PairField is null ? ": network from its aliases" : ": network from its keepalived VIPs")
                + (pool.RangeGiven ? ", range as given to the import." : "; First..Last spans them (widen it to the documented pool)."))
            .Line("    public static readonly VipPool " + pool.Field + " = new(")
            .Line(pool.PairField is { } pair ? "        Pair: Pairs." + pair + "," : "        Host: " + Literal(pool.Host) + ",")
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
                var lines = new List<string>
                {
                    "Name: " + Literal(endpoint.Name),
                    "Vip: Vips." + endpoint.VipField,
                    "Port: " + Port(endpoint.Port),
                };
                if (endpoint.ClusterField is { } cluster)
                {
                    lines.Add("Cluster: Clusters." + cluster);
                    lines.Add("Role: ClusterRole." + endpoint.Role);
                }
                else
                {
                    lines.Add("Engine: Engine." + endpoint.Engine);
                    lines.Add("Backend: new Backend(Host: " + Literal(endpoint.BackendHost) + ", Port: " + Port(endpoint.BackendPort) + ")");
                }

                if (endpoint.ViewFields is { } listed)
                {
                    lines.Add("Views: [" + string.Join(", ", listed.Select(v => "DnsViews." + v)) + "]");
                }

                if (endpoint.MaxLagBytes is { } lag)
                {
                    lines.Add("MaxLagBytes: " + Number(lag));
                }

                text.Line("    public static readonly Endpoint " + endpoint.Field + " = new(");
                for (var line = 0; line < lines.Count; line++)
                {
                    text.Line("        " + lines[line] + (line < lines.Count - 1 ? "," : ");"));
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
