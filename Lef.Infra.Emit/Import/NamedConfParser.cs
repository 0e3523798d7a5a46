using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Import;

/// <summary>A <c>view</c> statement of named.conf: its name and <c>match-clients</c> entries, ACL names resolved to addresses.</summary>
internal sealed record NamedConfView(string Name, IReadOnlyList<string> MatchClients, ConfigSite Site);

/// <summary>
/// Reads the <c>view "name" { match-clients { ...; }; ... };</c> statements of a named.conf (or an included fragment), so
/// the views of hand-written zone files get their real clients. <c>acl</c> names are resolved (nested ones too); a negated
/// entry is dropped when earlier views already take every client it names (the usual <c>!corelan; any;</c> after an
/// internal view), and anything else the DSL's MatchClients cannot hold (<c>localnets</c>, keys, other negations) is an
/// error. Comments (<c>//</c>, <c>#</c>, <c>/* */</c>) are skipped; everything else in the file is not needed here.
/// </summary>
internal static class NamedConfParser
{
    private const int MaxAclDepth = 16;

    /// <summary>Deeper than any named.conf nests its braces (options, view, zone, a list and its nested lists).</summary>
    private const int MaxBraceDepth = 32;

    public static (IReadOnlyList<NamedConfView> Views, IReadOnlyList<ImportFinding> Findings) Parse(string file, string text)
    {
        var (tokens, unclosed) = Tokens(text);
        if ((unclosed ?? Unbalanced(tokens)) is { } problem)
        {
            // named-checkconf refuses such a file; reading on would take views from whatever the braces happen to close.
            return ([], [ImportFinding.Error(new ConfigSite(file, problem.Line), problem.Message + "; named would refuse this file, so no view is read from it")]);
        }

        var acls = new Dictionary<string, (List<string> Entries, int Line)>(StringComparer.Ordinal);
        var statements = new List<(string Name, List<string> Clients, int Line, int ClientsLine)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Text is not ("view" or "acl") || i + 1 >= tokens.Count)
            {
                continue;
            }

            var isAcl = tokens[i].Text == "acl";
            var name = tokens[i + 1].Text;
            var open = tokens.FindIndex(i + 2, t => t.Text is "{" or ";");
            if (open < 0 || tokens[open].Text != "{")
            {
                continue;
            }

            if (isAcl)
            {
                var (entries, close) = List(tokens, open);
                acls[name] = (entries, tokens[i].Line);
                i = close;
                continue;
            }

            var clients = new List<string>();
            var clientsLine = tokens[i].Line;
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
                    clientsLine = tokens[j].Line;
                    var (entries, close) = List(tokens, j + 1);
                    clients.AddRange(entries);
                    j = close;
                }
            }

            statements.Add((name, clients, tokens[i].Line, clientsLine));
            i = j;
        }

        var findings = new List<ImportFinding>();
        var views = new List<NamedConfView>();
        var earlier = new List<Ipv4Network>();
        foreach (var (name, clients, line, clientsLine) in statements)
        {
            var site = new ConfigSite(file, clientsLine);
            var expanded = new List<(bool Negated, string Entry)>();
            var error = Expand(clients, false, acls, expanded, 0, []);
            var resolved = new List<string>();
            foreach (var (negated, entry) in error is null ? expanded : [])
            {
                if (!negated)
                {
                    resolved.Add(entry);
                    continue;
                }

                // First match wins: a client in an earlier view never reaches this one, so negating it changes nothing.
                if (ClientMatch.TryParse(entry, out var network, out _) && earlier.Any(e => Contains(e, network)))
                {
                    findings.Add(ImportFinding.Note(site, "`!" + entry + "` in view " + name + ": every such client is taken by an earlier view, so the entry changes nothing; dropped"));
                    continue;
                }

                error = "`!" + entry + "` in view " + name + " excludes clients no earlier view takes; the DSL's MatchClients lists addresses and `any`, without negation";
                break;
            }

            if (error is not null)
            {
                findings.Add(ImportFinding.Error(site, error));
                continue;
            }

            if (expanded.All(e => !e.Negated))
            {
                earlier.AddRange(resolved.Select(r => ClientMatch.TryParse(r, out var n, out _) ? n : (Ipv4Network?)null).OfType<Ipv4Network>());
            }

            views.Add(new NamedConfView(name, resolved, new ConfigSite(file, line)));
        }

        return (views, findings);
    }

    /// <summary>The entries of the <c>{ ...; }</c> list opening at <paramref name="open"/> (a nested list is one entry, <c>{a;b}</c>), and the index of its closing brace.</summary>
    private static (List<string> Entries, int Close) List(List<(string Text, int Line)> tokens, int open)
    {
        var entries = new List<string>();
        var negate = false;
        var j = open + 1;
        for (; j < tokens.Count && tokens[j].Text != "}"; j++)
        {
            switch (tokens[j].Text)
            {
                case ";":
                    break;
                case "!":
                    negate = true;
                    break;
                case "{":
                    var (nested, close) = List(tokens, j);
                    entries.Add((negate ? "!" : string.Empty) + "{" + string.Join(";", nested) + "}");
                    negate = false;
                    j = close;
                    break;
                case var text:
                    entries.Add((negate ? "!" : string.Empty) + text);
                    negate = false;
                    break;
            }
        }

        return (entries, j);
    }

    /// <summary>Flattens entries into addresses and <c>any</c>, each negated or not; returns why not when that cannot be done.</summary>
    private static string? Expand(
        IEnumerable<string> entries, bool negated, Dictionary<string, (List<string> Entries, int Line)> acls, List<(bool, string)> into, int depth, HashSet<string> expanding)
    {
        foreach (var raw in entries)
        {
            var entryNegated = raw.StartsWith('!');
            var entry = entryNegated ? raw[1..].TrimStart() : raw;
            var isNegated = negated ^ entryNegated;
            List<string>? inner = null;
            if (entry.StartsWith('{') && entry.EndsWith('}'))
            {
                inner = entry[1..^1].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            }
            else if (acls.TryGetValue(entry, out var acl))
            {
                if (!expanding.Add(entry))
                {
                    return "acl " + entry + " refers to itself; named refuses the loop";
                }

                if (depth > MaxAclDepth)
                {
                    return "acl " + entry + " is reached through more than " + MaxAclDepth + " acls in a chain; the import flattens at most that many";
                }

                inner = acl.Entries;
            }

            if (inner is not null)
            {
                // !{a; b} is "neither a nor b" only while a and b are plain: a negation inside a negation has no list form.
                if (isNegated && !IsPlain(inner, acls, 0))
                {
                    return "`!" + entry + "` negates a list that holds negations; the import cannot flatten it";
                }

                if (Expand(inner, isNegated, acls, into, depth + 1, expanding) is { } error)
                {
                    return error;
                }

                expanding.Remove(entry);
                continue;
            }

            switch (entry)
            {
                case "none":
                    continue;
                case ClientMatch.Any:
                    into.Add((isNegated, entry));
                    continue;
                case "localhost" or "localnets":
                    return "`" + entry + "` in match-clients depends on the DNS server's own interfaces; write the addresses it stands for in an acl";
                case "key" or "geoip" or "port":
                    return "`" + entry + "` in match-clients cannot be expressed in the DSL's MatchClients";
            }

            if (Ipv4.TryParse(entry, out _))
            {
                // named reads a bare address as that one host.
                into.Add((isNegated, entry + "/32"));
                continue;
            }

            if (!ClientMatch.TryParse(entry, out _, out _))
            {
                return "`" + entry + "` in match-clients is neither an address nor an acl declared in this file";
            }

            into.Add((isNegated, entry));
        }

        return null;
    }

    /// <summary>Whether no entry, in nested lists and acls too, is negated.</summary>
    private static bool IsPlain(IEnumerable<string> entries, Dictionary<string, (List<string> Entries, int Line)> acls, int depth) =>
        depth <= MaxAclDepth && entries.All(e =>
            !e.StartsWith('!')
            && (e.StartsWith('{') ? IsPlain(e[1..^1].Split(';', StringSplitOptions.RemoveEmptyEntries), acls, depth + 1)
                : !acls.TryGetValue(e, out var acl) || IsPlain(acl.Entries, acls, depth + 1)));

    private static bool Contains(Ipv4Network outer, Ipv4Network inner) =>
        outer.Prefix <= inner.Prefix && (inner.Address & (outer.Prefix == 0 ? 0u : uint.MaxValue << (32 - outer.Prefix))) == outer.Address;

    /// <summary>A <c>}</c> that closes nothing, a <c>{</c> never closed, or braces nested deeper than named.conf has any.</summary>
    private static (string Message, int Line)? Unbalanced(List<(string Text, int Line)> tokens)
    {
        var open = new Stack<int>();
        foreach (var (text, line) in tokens)
        {
            if (text == "{" && open.Count == MaxBraceDepth)
            {
                return ("braces nested deeper than " + MaxBraceDepth + " levels", line);
            }

            if (text == "{")
            {
                open.Push(line);
            }
            else if (text == "}" && !open.TryPop(out _))
            {
                return ("a '}' that closes no '{'", line);
            }
        }

        return open.Count > 0 ? ("the '{' on this line is never closed", open.Peek()) : null;
    }

    /// <summary>Words, quoted strings (unquoted) and the punctuation <c>{ } ;</c>, each with its line; and a quote or comment never closed.</summary>
    private static (List<(string Text, int Line)> Tokens, (string Message, int Line)? Unclosed) Tokens(string text)
    {
        (string, int)? unclosed = null;
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
                unclosed ??= end < 0 ? ("the quote on this line is never closed", line) : null;
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
                unclosed ??= end < 0 ? ("the /* comment on this line is never closed", line) : null;
                end = end < 0 ? text.Length : end + 1;
                for (var k = i; k < end; k++)
                {
                    line += text[k] == '\n' ? 1 : 0;
                }

                i = end;
            }
            else if (c is '{' or '}' or ';' or '!')
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
        return (tokens, unclosed);
    }
}
