using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Reads the A records of a master-format zone file (RFC 1035 section 5): <c>$ORIGIN</c>, <c>$TTL</c>, <c>@</c>, relative and
/// absolute (trailing dot) names, an omitted owner repeating the previous one, TTL and class in either order, comments
/// after <c>;</c> and records spread over lines with parentheses.
/// </summary>
internal sealed class ZoneParser
{
    private const int LefTtl = 300;

    private readonly string file;
    private readonly string zone;
    private readonly List<ZoneRecord> records = [];
    private readonly List<ImportFinding> findings = [];
    private string origin;
    private string? previousOwner;
    private (string Name, string Field, Lef.Infra.Dsl.ViewKind Kind, IReadOnlyList<string> MatchClients)? view;

    private ZoneParser(string file, string zone, string origin)
    {
        this.file = file;
        this.zone = Absolute(zone);
        this.origin = Absolute(origin);
    }

    /// <param name="file">The name findings show for this file.</param>
    /// <param name="zone">The zone endpoint names live in (<c>db.lef</c>).</param>
    /// <param name="text">The file's content.</param>
    /// <param name="origin">The origin the file is loaded with (named.conf's zone name) until a <c>$ORIGIN</c> changes it; by default the zone.</param>
    public static ZoneFile Parse(string file, string zone, string text, string? origin = null)
    {
        var parser = new ZoneParser(file, zone, origin ?? zone);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            if (lines[i].TrimStart() is [';', .. var comment] && parser.view is null)
            {
                parser.view = EmitterComments.View(comment.Trim());
            }

            var startsBlank = lines[i].Length > 0 && lines[i][0] is ' ' or '\t';
            var tokens = new List<string>();
            var depth = Tokenize(lines[i], tokens);

            // Parentheses continue a record over several lines.
            while (depth > 0 && i + 1 < lines.Length)
            {
                depth += Tokenize(lines[++i], tokens);
            }

            if (tokens.Count > 0)
            {
                parser.ReadEntry(tokens, startsBlank, new ConfigSite(file, startLine));
            }
        }

        return new ZoneFile(file, parser.records, parser.findings, parser.view is { } found ? new ZoneViewHeader(found.Name, found.Field, found.Kind, found.MatchClients, new ConfigSite(file, 1)) : null);
    }

    /// <summary>Adds the line's words to <paramref name="tokens"/>, without comments and parentheses; returns the change in parenthesis depth.</summary>
    private static int Tokenize(string line, List<string> tokens)
    {
        var depth = 0;
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in line.TrimEnd('\r'))
        {
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
                continue;
            }

            quoted = c == '"';
            word.Append(c);
        }

        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
        }

        return depth;
    }

    private static string Absolute(string name) => (name.EndsWith('.') ? name : name + ".").ToLowerInvariant();

    private static bool IsTtl(string token) => token.Length > 0 && char.IsAsciiDigit(token[0]);

    private static bool IsClass(string token) => token.ToUpperInvariant() is "IN" or "CH" or "HS" or "CS";

    private void ReadEntry(List<string> tokens, bool ownerOmitted, ConfigSite site)
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
                findings.Add(ImportFinding.Warning(site, "`" + string.Join(" ", tokens) + "` is not followed; pass the included records in the zone file"));
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
        name == "@" ? origin : name.EndsWith('.') ? name.ToLowerInvariant() : (name + "." + origin).ToLowerInvariant();
}
