using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>A haproxy configuration file: the name findings show for it, and its content.</summary>
internal sealed record HaproxyFile(string Name, string Text);

/// <summary>
/// Splits haproxy.cfg into sections and words, as HAProxy does: sections start with a keyword at any indentation, words are
/// separated by spaces or tabs, <c>#</c> starts a comment outside quotes, quotes and backslashes escape, and <c>.if</c>
/// blocks are evaluated. Several files are one configuration, read in order as <c>haproxy -f a -f b</c> reads them: each
/// file starts a section of its own, and <c>defaults</c> carry over. It also works out each section's mode, inherited from
/// the <c>defaults</c> section above it (or the one named by <c>from</c>).
/// </summary>
internal sealed class HaproxyConfigParser
{
    /// <summary>The HAProxy version conditions are evaluated for: Debian 12's, the one Lef.Infra targets.</summary>
    public const string DefaultVersion = "2.6.12";

    private static readonly HashSet<string> SectionKeywords = new(StringComparer.Ordinal)
    {
        "global", "defaults", "frontend", "backend", "listen", "resolvers", "peers", "userlist", "mailers", "program",
        "http-errors", "ring", "cache", "fcgi-app", "log-forward", "crt-store", "traces", "acme",
    };

    private readonly List<HaproxySection> sections = [];
    private readonly List<ImportFinding> findings = [];
    private readonly Dictionary<string, HaproxySection> namedDefaults = new(StringComparer.Ordinal);
    private readonly List<string> pendingComments = [];
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly HaproxyCondition conditions;
    private string file = string.Empty;
    private string? pendingEndpointField;
    private HaproxySection? inheritedDefaults;
    private SectionBuilder? current;

    private HaproxyConfigParser(IReadOnlyDictionary<string, string> environment, string version)
    {
        this.environment = environment;
        conditions = new HaproxyCondition(environment, version);
    }

    /// <param name="file">The name findings show for this file.</param>
    /// <param name="text">The file's content.</param>
    public static (IReadOnlyList<HaproxySection> Sections, IReadOnlyList<ImportFinding> Findings) Parse(string file, string text) =>
        Parse([new HaproxyFile(file, text)], new Dictionary<string, string>(StringComparer.Ordinal), DefaultVersion);

    /// <summary>The files of one proxy host, in the order <c>haproxy -f</c> loads them, as one configuration.</summary>
    /// <param name="environment">The haproxy process's environment: a variable not in it is not set.</param>
    /// <param name="version">The HAProxy version <c>version_atleast</c> and <c>version_before</c> compare with.</param>
    public static (IReadOnlyList<HaproxySection> Sections, IReadOnlyList<ImportFinding> Findings) Parse(
        IReadOnlyList<HaproxyFile> files, IReadOnlyDictionary<string, string> environment, string version)
    {
        var parser = new HaproxyConfigParser(environment, version);
        foreach (var config in files)
        {
            parser.file = config.Name;
            var number = 0;
            foreach (var rawLine in Lines(config.Text))
            {
                number++;
                parser.ReadLine(rawLine, number);
            }

            // The end of a file ends its section, and its conditional blocks must be closed (HAProxy refuses the file otherwise).
            parser.FlushCommentsIntoCurrent();
            parser.Close();
            if (parser.conditions.Unclosed is { } open)
            {
                parser.findings.Add(ImportFinding.Error(new ConfigSite(config.Name, open), "this `.if` has no `.endif`; HAProxy refuses the file"));
            }

            parser.conditions.Reset();
        }

        return (parser.sections, parser.findings);
    }

    /// <summary>The lines of a file, split on LF alone as HAProxy splits them, without a trailing CR.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var line = text[start..end];
            yield return line.EndsWith('\r') ? line[..^1] : line;
            start = end + 1;
        }
    }

    /// <summary>HAProxy's word splitting: blanks separate, quotes group, a backslash escapes, an unquoted # ends the line.</summary>
    public static List<string> Words(string line) => Words(line, null);

    /// <summary>
    /// HAProxy's word splitting (configuration manual 2.2 and 2.3): blanks separate, quotes group, <c>\r \n \t \xNN</c> and
    /// <c>\</c> before a special character escape, an unquoted # ends the line. <c>$NAME</c>, <c>${NAME}</c> and
    /// <c>${NAME-default}</c> in double quotes are expanded from <paramref name="environment"/> when it is given (an unset
    /// variable becomes its default or nothing); without it they are kept as written.
    /// </summary>
    public static List<string> Words(string line, IReadOnlyDictionary<string, string>? environment)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote == '\'')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c == '\\' && i + 1 < line.Length)
            {
                i = Escape(line, i, word, quote == '"');
                inWord = true;
                continue;
            }

            if (quote == '"')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '$' && environment is not null && Variable(line, i, environment) is { } expanded)
                {
                    word.Append(expanded.Value);
                    i = expanded.End;
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

    /// <summary>Appends what the backslash at <paramref name="i"/> stands for; returns the index of the escape's last character.</summary>
    private static int Escape(string line, int i, StringBuilder word, bool inDoubleQuotes)
    {
        var next = line[i + 1];
        switch (next)
        {
            case 'r':
                word.Append('\r');
                return i + 1;
            case 'n':
                word.Append('\n');
                return i + 1;
            case 't':
                word.Append('\t');
                return i + 1;
            case 'x' when i + 3 < line.Length && Uri.IsHexDigit(line[i + 2]) && Uri.IsHexDigit(line[i + 3]):
                word.Append((char)int.Parse(line.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return i + 3;
            case ' ' or '\t' or '#' or '\\' or '\'' or '"':
                word.Append(next);
                return i + 1;
            case '$' when inDoubleQuotes:
                word.Append(next);
                return i + 1;
            default:
                // Not an escape HAProxy knows: the backslash stays.
                word.Append('\\');
                return i;
        }
    }

    /// <summary>The value of the variable starting at the <c>$</c> at <paramref name="i"/>, and the index of its last character; null when it is not one.</summary>
    private static (string Value, int End)? Variable(string line, int i, IReadOnlyDictionary<string, string> environment)
    {
        var braced = i + 1 < line.Length && line[i + 1] == '{';
        var start = braced ? i + 2 : i + 1;
        var end = start;
        while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '_'))
        {
            end++;
        }

        if (end == start || char.IsAsciiDigit(line[start]))
        {
            return null;
        }

        var name = line[start..end];
        string? fallback = null;
        if (braced)
        {
            var close = line.IndexOf('}', end);
            if (close < 0)
            {
                return null;
            }

            if (line[end] == '-')
            {
                fallback = line[(end + 1)..close];
            }
            else if (close != end)
            {
                return null;
            }

            end = close + 1;
        }

        return (environment.TryGetValue(name, out var value) ? value : fallback ?? string.Empty, end - 1);
    }

    private void ReadLine(string line, int number)
    {
        var trimmed = line.Trim();
        var site = new ConfigSite(file, number);
        if (trimmed.StartsWith('.'))
        {
            if (conditions.Read(Words(trimmed, environment), site) is { } finding)
            {
                findings.Add(finding);
            }

            return;
        }

        if (!conditions.Active)
        {
            return;
        }

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

        var words = Words(line, environment.Count > 0 ? environment : null);
        if (words.Count == 0)
        {
            return;
        }

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
