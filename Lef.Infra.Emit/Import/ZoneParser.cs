using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Reads the A records of a master-format zone file (RFC 1035 section 5): <c>$ORIGIN</c>, <c>$TTL</c>, <c>@</c>, relative and
/// absolute (trailing dot) names, an omitted owner repeating the previous one, TTL and class in either order, comments
/// after <c>;</c>, backslash escapes, records spread over lines with parentheses, and <c>$INCLUDE</c>.
/// </summary>
internal sealed class ZoneParser
{
    private const int LefTtl = 300;

    private readonly string zone;
    private readonly List<ZoneRecord> records = [];
    private readonly List<ImportFinding> findings = [];
    private string origin;
    private readonly Func<string, (string? Text, string? Error)>? readInclude;
    private string? previousOwner;
    private (string Name, string Field, Lef.Infra.Dsl.ViewKind Kind, IReadOnlyList<string> MatchClients)? view;

    private ZoneParser(string zone, string origin, Func<string, (string? Text, string? Error)>? readInclude)
    {
        this.zone = Absolute(zone);
        this.origin = Absolute(origin);
        this.readInclude = readInclude;
    }

    /// <summary>How deep <c>$INCLUDE</c>s may nest; deeper is taken for a loop the paths do not show.</summary>
    public const int MaxIncludeDepth = 8;

    /// <param name="file">The name findings show for this file.</param>
    /// <param name="zone">The zone endpoint names live in (<c>db.lef</c>).</param>
    /// <param name="text">The file's content.</param>
    /// <param name="origin">The origin the file is loaded with (named.conf's zone name) until a <c>$ORIGIN</c> changes it; by default the zone.</param>
    /// <param name="readInclude">Reads the file a <c>$INCLUDE</c> names (relative to the zone file): its text, or why not. Null: includes are errors.</param>
    public static ZoneFile Parse(string file, string zone, string text, string? origin = null, Func<string, (string? Text, string? Error)>? readInclude = null)
    {
        var parser = new ZoneParser(zone, origin ?? zone, readInclude);
        parser.ReadText(file, text, [file]);
        return new ZoneFile(file, parser.records, parser.findings, parser.view is { } found ? new ZoneViewHeader(found.Name, found.Field, found.Kind, found.MatchClients, new ConfigSite(file, 1)) : null);
    }

    private void ReadText(string name, string text, List<string> including)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            if (including.Count == 1 && lines[i].TrimStart() is [';', .. var comment] && view is null)
            {
                view = EmitterComments.View(comment.Trim());
            }

            var startsBlank = lines[i].Length > 0 && lines[i][0] is ' ' or '\t';
            var tokens = new List<string>();
            var depth = 0;
            var balanced = Tokenize(lines[i], tokens, ref depth);

            // Parentheses continue a record over several lines.
            while (balanced && depth > 0 && i + 1 < lines.Length)
            {
                balanced = Tokenize(lines[++i], tokens, ref depth);
            }

            if (!balanced || depth > 0)
            {
                // named refuses the whole zone ("unbalanced parentheses"): what it serves is not what the records say.
                findings.Add(ImportFinding.Error(
                    new ConfigSite(name, balanced ? startLine : i + 1),
                    (balanced ? "this `(` is never closed" : "a `)` with no `(` before it") + ": named refuses the zone (unbalanced parentheses)"));
                return;
            }

            if (tokens.Count > 0)
            {
                ReadEntry(tokens, startsBlank, new ConfigSite(name, startLine), including);
            }
        }
    }

    /// <summary>
    /// Adds the line's words to <paramref name="tokens"/>, without comments and parentheses, and follows the parenthesis
    /// <paramref name="depth"/>; false at a <c>)</c> that closes nothing. A backslash escapes the next character (kept with
    /// it), in quotes and out, as RFC 1035 section 5.1 says.
    /// </summary>
    private static bool Tokenize(string line, List<string> tokens, ref int depth)
    {
        var word = new StringBuilder();
        var quoted = false;
        var text = line.EndsWith('\r') ? line[..^1] : line;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(c).Append(text[++i]);
                continue;
            }

            if (quoted)
            {
                word.Append(c);
                quoted = c != '"';
                continue;
            }

            if (c == ';')
            {
                break;
            }

            if (c is ' ' or '\t' or '(' or ')')
            {
                if (word.Length > 0)
                {
                    tokens.Add(word.ToString());
                    word.Clear();
                }

                depth += c switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth < 0)
                {
                    return false;
                }

                continue;
            }

            quoted = c == '"';
            word.Append(c);
        }

        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
        }

        return true;
    }

    /// <summary>Follows <c>$INCLUDE file [origin]</c>: its records are read with that origin, and the including file's origin and owner come back after it.</summary>
    private void Include(List<string> tokens, ConfigSite site, List<string> including)
    {
        if (tokens.Count < 2)
        {
            findings.Add(ImportFinding.Error(site, "`$INCLUDE` names no file"));
            return;
        }

        var path = tokens[1].Trim('"');
        if (including.Contains(path, StringComparer.Ordinal))
        {
            findings.Add(ImportFinding.Error(site, "`$INCLUDE " + path + "` includes itself (through " + string.Join(" -> ", including) + "); named refuses the loop"));
            return;
        }

        if (including.Count > MaxIncludeDepth)
        {
            findings.Add(ImportFinding.Error(site, "`$INCLUDE " + path + "` nests deeper than " + MaxIncludeDepth + " files"));
            return;
        }

        var (text, error) = readInclude is null ? (null, "includes are not read here") : readInclude(path);
        if (text is null)
        {
            findings.Add(ImportFinding.Error(site, "`$INCLUDE " + path + "`: " + error + " (import reads an include relative to the zone file; named reads it relative to its `directory`)"));
            return;
        }

        var (savedOrigin, savedOwner) = (origin, previousOwner);
        if (tokens.Count > 2)
        {
            origin = Resolve(tokens[2]);
        }

        ReadText(path, text, [.. including, path]);
        (origin, previousOwner) = (savedOrigin, savedOwner);
    }

    private static string Absolute(string name) => (name.EndsWith('.') ? name : name + ".").ToLowerInvariant();


    private static bool IsTtl(string token) => token.Length > 0 && char.IsAsciiDigit(token[0]);

    private static bool IsClass(string token) => token.ToUpperInvariant() is "IN" or "CH" or "HS" or "CS";

    private void ReadEntry(List<string> tokens, bool ownerOmitted, ConfigSite site, List<string> including)
    {
        switch (tokens[0].ToUpperInvariant())
        {
            case "$ORIGIN" when tokens.Count > 1:
                origin = Resolve(tokens[1]);
                return;
            case "$TTL" when tokens.Count > 1:
                if (tokens[1] != LefTtl.ToString(CultureInfo.InvariantCulture))
                {
                    findings.Add(ImportFinding.Note(site, "$TTL " + tokens[1] + ": Lef.Infra's zone uses $TTL " + LefTtl));
                }

                return;
            case "$INCLUDE":
                Include(tokens, site, including);
                return;
            case var directive when directive.StartsWith('$'):
                findings.Add(ImportFinding.Warning(site, "`" + string.Join(" ", tokens) + "`: zone directive not supported"));
                return;
        }

        var index = 0;
        string owner;
        if (ownerOmitted)
        {
            if (previousOwner is null)
            {
                findings.Add(ImportFinding.Warning(site, "a record without an owner name and no previous record to take it from"));
                return;
            }

            owner = previousOwner;
        }
        else
        {
            owner = Resolve(tokens[index++]);
            previousOwner = owner;
        }

        string? ttl = null;
        var recordClass = "IN";
        while (index < tokens.Count && (IsTtl(tokens[index]) || IsClass(tokens[index])))
        {
            if (IsTtl(tokens[index]))
            {
                ttl = tokens[index];
            }
            else
            {
                recordClass = tokens[index].ToUpperInvariant();
            }

            index++;
        }

        if (index >= tokens.Count)
        {
            findings.Add(ImportFinding.Warning(site, "`" + string.Join(" ", tokens) + "` has no record type"));
            return;
        }

        var type = tokens[index++].ToUpperInvariant();
        var data = tokens.Skip(index).ToList();
        Record(owner, recordClass, ttl, type, data, site);
    }

    private void Record(string owner, string recordClass, string? ttl, string type, List<string> data, ConfigSite site)
    {
        var shown = owner + " " + type + (data.Count > 0 ? " " + string.Join(" ", data) : string.Empty);
        if (recordClass != "IN")
        {
            findings.Add(ImportFinding.Warning(site, shown + ": class " + recordClass + " is not published by Lef.Infra"));
            return;
        }

        var atApex = owner == zone;
        if (type is "SOA" or "NS" && atApex)
        {
            findings.Add(ImportFinding.Note(site, type + " record: Lef.Infra writes its own SOA and NS"));
            return;
        }

        if (type != "A")
        {
            findings.Add(ImportFinding.Warning(site, shown + ": Lef.Infra publishes A records for endpoints only"));
            return;
        }

        if (!owner.EndsWith("." + zone, StringComparison.Ordinal))
        {
            var where = atApex ? "is the zone apex, not an endpoint name" : "is not under " + zone;
            findings.Add(ImportFinding.Warning(site, shown + ": " + where));
            return;
        }

        var name = owner[..^(zone.Length + 1)];
        if (name.Contains('*', StringComparison.Ordinal) || data.Count != 1)
        {
            findings.Add(ImportFinding.Warning(site, shown + ": not a single endpoint name and address"));
            return;
        }

        if (ttl is not null && ttl != LefTtl.ToString(CultureInfo.InvariantCulture))
        {
            findings.Add(ImportFinding.Note(site, shown + ": TTL " + ttl + " is not carried over; Lef.Infra's zone uses " + LefTtl));
        }

        records.Add(new ZoneRecord(name, data[0], site));
    }

    /// <summary><c>@</c> is the origin; a name with a trailing dot is absolute; anything else is relative to the origin.</summary>
    private string Resolve(string name) =>
        name == "@" ? origin
        : name.EndsWith('.') ? name.ToLowerInvariant()
        : origin == "." ? (name + ".").ToLowerInvariant()
        : (name + "." + origin).ToLowerInvariant();
}
