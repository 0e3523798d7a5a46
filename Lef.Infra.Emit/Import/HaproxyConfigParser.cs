using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Splits haproxy.cfg into sections and words, as HAProxy does: sections start with a keyword at any indentation, words are
/// separated by spaces or tabs, <c>#</c> starts a comment outside quotes, quotes and backslashes escape. It also works out
/// each section's mode, inherited from the <c>defaults</c> section above it (or the one named by <c>from</c>).
/// </summary>
internal sealed class HaproxyConfigParser
{
    private static readonly HashSet<string> SectionKeywords = new(StringComparer.Ordinal)
    {
        "global", "defaults", "frontend", "backend", "listen", "resolvers", "peers", "userlist", "mailers", "program",
        "http-errors", "ring", "cache", "fcgi-app", "log-forward", "crt-store", "traces", "acme",
    };

    private readonly string file;
    private readonly List<HaproxySection> sections = [];
    private readonly List<ImportFinding> findings = [];
    private readonly Dictionary<string, HaproxySection> namedDefaults = new(StringComparer.Ordinal);
    private readonly List<string> pendingComments = [];
    private string? pendingEndpointField;
    private HaproxySection? inheritedDefaults;
    private SectionBuilder? current;

    private HaproxyConfigParser(string file) => this.file = file;

    /// <param name="file">The name findings show for this file.</param>
    /// <param name="text">The file's content.</param>
    public static (IReadOnlyList<HaproxySection> Sections, IReadOnlyList<ImportFinding> Findings) Parse(string file, string text)
    {
        var parser = new HaproxyConfigParser(file);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            parser.ReadLine(lines[i].TrimEnd('\r'), i + 1);
        }

        parser.Close();
        return (parser.sections, parser.findings);
    }

    /// <summary>HAProxy's word splitting: blanks separate, quotes group, a backslash escapes, an unquoted # ends the line.</summary>
    public static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < line.Length)
                {
                    word.Append(line[++i]);
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '#':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                    }

                    return words;
                case '"' or '\'':
                    quote = c;
                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private void ReadLine(string line, int number)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            FlushCommentsIntoCurrent();
            return;
        }

        if (trimmed[0] == '#')
        {
            AddComment(trimmed.TrimStart('#').Trim());
            return;
        }

        var words = Words(line);
        if (words.Count == 0)
        {
            return;
        }

        var site = new ConfigSite(file, number);
        if (SectionKeywords.Contains(words[0]))
        {
            StartSection(words, site);
            return;
        }

        FlushCommentsIntoCurrent();
        if (current is null)
        {
            findings.Add(ImportFinding.Warning(site, "`" + string.Join(" ", words) + "` is outside any section"));
            return;
        }

        current.Directives.Add(new HaproxyDirective(site, words));
    }

    private void AddComment(string comment)
    {
        if (EmitterComments.EndpointField(comment) is { } field)
        {
            pendingEndpointField = field;
            return;
        }

        if (!EmitterComments.IsBoilerplate(comment) && !EmitterComments.IsDecoration(comment))
        {
            pendingComments.Add(comment);
        }
    }

    /// <summary>A comment block followed by a blank line or a directive belongs to the section it sits in.</summary>
    private void FlushCommentsIntoCurrent()
    {
        current?.Comments.AddRange(pendingComments);
        pendingComments.Clear();
        pendingEndpointField = null;
    }

    private void StartSection(List<string> words, ConfigSite site)
    {
        Close();
        var keyword = words[0];
        var name = words.Count > 1 ? words[1] : string.Empty;
        var rest = words.Skip(2).ToList();
        var defaults = inheritedDefaults;
        if (rest is ["from", var defaultsName, ..])
        {
            if (namedDefaults.TryGetValue(defaultsName, out var named))
            {
                defaults = named;
            }
            else
            {
                findings.Add(ImportFinding.Warning(site, Describe(keyword, name) + " inherits from defaults `" + defaultsName + "`, which is not declared above it"));
            }

            rest = rest.Skip(2).ToList();
        }

        current = new SectionBuilder(keyword, name, site, rest, defaults, [.. pendingComments], pendingEndpointField);
        pendingComments.Clear();
        pendingEndpointField = null;
    }

    private void Close()
    {
        if (current is null)
        {
            return;
        }

        var section = current.Build();
        sections.Add(section);
        if (section.Keyword == "defaults")
        {
            // A later section inherits from the last defaults section above it.
            inheritedDefaults = section;
            if (section.Name.Length > 0)
            {
                namedDefaults[section.Name] = section;
            }
        }

        current = null;
    }

    private static string Describe(string keyword, string name) => name.Length == 0 ? keyword : keyword + " " + name;

    private sealed class SectionBuilder(string keyword, string name, ConfigSite site, List<string> headerBinds, HaproxySection? defaults, List<string> comments, string? endpointField)
    {
        public List<HaproxyDirective> Directives { get; } = [];

        public List<string> Comments { get; } = comments;

        public HaproxySection Build()
        {
            // HAProxy's own default mode is tcp.
            var mode = Directives.LastOrDefault(d => d is { Keyword: "mode", Words.Count: > 1 })?.Words[1] ?? defaults?.Mode ?? "tcp";
            return new HaproxySection(keyword, name, site, headerBinds, mode, Directives, Comments, endpointField, defaults);
        }
    }
}
