using System;
using System.Collections.Generic;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>A <c>view</c> statement of named.conf: its name and <c>match-clients</c> entries (ACL names kept as written).</summary>
internal sealed record NamedConfView(string Name, IReadOnlyList<string> MatchClients, ConfigSite Site);

/// <summary>
/// Reads the <c>view "name" { match-clients { ...; }; ... };</c> statements of a named.conf (or an included fragment), so
/// the views of hand-written zone files get their real clients. Comments (<c>//</c>, <c>#</c>, <c>/* */</c>) are skipped;
/// everything else in the file is not needed here.
/// </summary>
internal static class NamedConfParser
{
    public static IReadOnlyList<NamedConfView> Parse(string file, string text)
    {
        var tokens = Tokens(text);
        var views = new List<NamedConfView>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Text != "view" || i + 1 >= tokens.Count)
            {
                continue;
            }

            var name = tokens[i + 1].Text;
            var open = tokens.FindIndex(i + 2, t => t.Text is "{" or ";");
            if (open < 0 || tokens[open].Text != "{")
            {
                continue;
            }

            var clients = new List<string>();
            var depth = 0;
            var j = open;
            for (; j < tokens.Count; j++)
            {
                depth += tokens[j].Text switch { "{" => 1, "}" => -1, _ => 0 };
                if (depth == 0)
                {
                    break;
                }

                if (depth == 1 && tokens[j].Text == "match-clients" && j + 1 < tokens.Count && tokens[j + 1].Text == "{")
                {
                    for (j += 2; j < tokens.Count && tokens[j].Text != "}"; j++)
                    {
                        if (tokens[j].Text is not (";" or "{"))
                        {
                            clients.Add(tokens[j].Text);
                        }
                    }
                }
            }

            views.Add(new NamedConfView(name, clients, new ConfigSite(file, tokens[i].Line)));
            i = j;
        }

        return views;
    }

    /// <summary>Words, quoted strings (unquoted) and the punctuation <c>{ } ;</c>, each with its line.</summary>
    private static List<(string Text, int Line)> Tokens(string text)
    {
        var tokens = new List<(string, int)>();
        var word = new StringBuilder();
        var line = 1;
        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add((word.ToString(), line));
                word.Clear();
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Flush();
                line++;
            }
            else if (c == '"')
            {
                Flush();
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                tokens.Add((text[(i + 1)..end], line));
                i = end;
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                Flush();
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                Flush();
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 1;
                for (var k = i; k < end; k++)
                {
                    line += text[k] == '\n' ? 1 : 0;
                }

                i = end;
            }
            else if (c is '{' or '}' or ';')
            {
                Flush();
                tokens.Add((c.ToString(), line));
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else
            {
                word.Append(c);
            }
        }

        Flush();
        return tokens;
    }
}
