using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Lef.Infra.Emit.Import;

/// <summary>One <c>virtual_ipaddress</c> entry: <c>10.20.0.100/24 dev ens18 label ens18:1</c>.</summary>
internal sealed record VrrpAddress(string Address, int Prefix, string? Device, string? Label, ConfigSite Site, IReadOnlyList<string> Comments);

/// <summary>A <c>vrrp_instance</c> as one node's keepalived.conf declares it: what a pair is made of.</summary>
internal sealed record VrrpInstance(
    string Node,
    string Name,
    ConfigSite Site,
    string? Interface,
    int? VirtualRouterId,
    int? Priority,
    int? AdvertIntervalMs,
    bool NoPreempt,
    string? UnicastSource,
    IReadOnlyList<string> UnicastPeers,
    IReadOnlyList<VrrpAddress> Addresses,
    IReadOnlyList<string> Comments,
    IReadOnlyList<ImportFinding> Todos)
{
    /// <summary>The <c>Pairs</c> field the emitter's header names for this instance, when the file is one it wrote.</summary>
    public string? PairField { get; init; }
}

/// <summary>
/// Reads the VRRP instances out of one node's keepalived.conf (keepalived.conf(5), keepalived 2.2): blocks in braces,
/// <c>#</c> and <c>!</c> comments, quoted words, <c>include</c> files (globs, relative to the including file's folder, as
/// keepalived reads them). What keepalived decides at start-up from outside the file (<c>@</c> config ids, <c>$NAME</c>
/// parameters, <c>~SEQ</c>) cannot be evaluated here and is an error; LVS and scripts are reported, never guessed.
/// </summary>
internal sealed class KeepalivedParser
{
    /// <summary>keepalived's own limit on include nesting is higher; eight is what a real config never reaches (as for <c>$INCLUDE</c>).</summary>
    private const int MaxIncludeDepth = 8;

    private static readonly HashSet<string> Tracking = new(StringComparer.Ordinal)
    {
        "track_process", "track_script", "track_file", "track_interface", "track_bfd", "dont_track_primary",
    };

    private static readonly HashSet<string> Tuning = new(StringComparer.Ordinal)
    {
        "garp_master_delay", "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay",
        "garp_lower_prio_repeat", "lower_prio_no_advert", "higher_prio_send_advert", "vrrp_version", "skip_check_adv_addr",
        "preempt_delay", "state", "debug", "strict_mode", "version",
    };

    private readonly string node;
    private readonly Func<string, (string? Text, string? Error)> readFile;
    private readonly List<VrrpInstance> instances = [];
    private readonly List<ImportFinding> findings = [];
    private readonly Dictionary<string, string> emittedPairFields = new(StringComparer.Ordinal);

    /// <summary>Deeper than any keepalived.conf nests its blocks (vrrp_instance, virtual_ipaddress, track_script).</summary>
    private const int MaxBlockDepth = 32;

    private bool tooDeep;

    private KeepalivedParser(string node, Func<string, (string? Text, string? Error)> readFile)
    {
        this.node = node;
        this.readFile = readFile;
    }

    /// <param name="node">The proxy host the file belongs to (<c>--keepalived HOST=FILE</c>).</param>
    /// <param name="file">The file as findings name it.</param>
    /// <param name="path">Its path, for the includes it names.</param>
    /// <param name="readFile">Reads an included file: its text, or why not.</param>
    public static (IReadOnlyList<VrrpInstance> Instances, IReadOnlyList<ImportFinding> Findings) Parse(
        string node, string file, string path, string text, Func<string, (string? Text, string? Error)> readFile)
    {
        var parser = new KeepalivedParser(node, readFile);
        var tokens = new List<Token>();
        parser.Tokenize(file, path, text, tokens, [path], depth: 0);
        var position = 0;
        var top = parser.Statements(tokens, ref position, closed: false);
        foreach (var statement in top)
        {
            parser.ReadTop(statement);
        }

        return (parser.instances, parser.findings);
    }

    /// <summary>A word of the file, with where it is and the comment lines just above its line.</summary>
    private sealed record Token(string Text, ConfigSite Site, bool FirstOnLine, IReadOnlyList<string> Comments);

    /// <summary><c>keyword arguments... [{ children }]</c>.</summary>
    private sealed record Statement(string Keyword, IReadOnlyList<string> Arguments, IReadOnlyList<Statement>? Children, ConfigSite Site, IReadOnlyList<string> Comments);

    private void Tokenize(string file, string path, string text, List<Token> tokens, List<string> chain, int depth)
    {
        var comments = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var site = new ConfigSite(file, i + 1);
            var line = lines[i].TrimEnd('\r');

            // keepalived joins a line ending in a backslash with the next one.
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i].TrimEnd('\r');
            }

            var words = Words(line, out var comment);
            if (comment is not null && EmitterComments.PairField(comment) is { } emitted)
            {
                emittedPairFields.TryAdd(emitted.Pair, emitted.Field);
            }

            if (words.Count == 0)
            {
                if (comment is not null)
                {
                    comments.Add(comment);
                }
                else
                {
                    comments.Clear();
                }

                continue;
            }

            if (Unevaluable(words[0]) is { } why)
            {
                findings.Add(ImportFinding.Error(site, why));
                comments.Clear();
                continue;
            }

            if (words[0] == "include")
            {
                Include(site, path, words.Count > 1 ? words[1] : null, tokens, chain, depth);
                comments.Clear();
                continue;
            }

            for (var w = 0; w < words.Count; w++)
            {
                if (w > 0 && Unevaluable(words[w]) is { } inner)
                {
                    findings.Add(ImportFinding.Error(site, inner));
                }

                // A comment ending the line belongs to it, as one above it does (`10.20.0.100/24 ... label ens18:1  # Vips.Alpha`).
                tokens.Add(new Token(words[w], site, w == 0, w == 0 ? [.. comments, .. comment is null ? [] : new[] { comment }] : []));
            }

            comments.Clear();
        }
    }

    /// <summary>Why a word depends on how keepalived was started (config id, parameters, sequences); null when it does not.</summary>
    private static string? Unevaluable(string word) =>
        word.StartsWith('@') ? "`" + word + "` applies only under keepalived's config id (-i) " + word[1..] + ", which import cannot know: expand the file for this host first"
        : word.StartsWith('$') ? "`" + word + "` is a keepalived parameter, set where keepalived starts: import cannot evaluate it; expand it in the file first"
        : word.StartsWith("~SEQ", StringComparison.Ordinal) ? "`" + word + "` is a keepalived sequence: expand it in the file first"
        : null;

    /// <summary>The words of a line, braces as words of their own and quotes removed; the text of a comment that ends it.</summary>
    private static List<string> Words(string line, out string? comment)
    {
        var words = new List<string>();
        comment = null;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '#' or '!')
            {
                comment = line[(i + 1)..].Trim();
                break;
            }
            else if (c is '{' or '}')
            {
                words.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var end = line.IndexOf('"', i + 1);
                end = end < 0 ? line.Length : end;
                words.Add(line[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not ('{' or '}' or '"'))
                {
                    i++;
                }

                words.Add(line[start..i]);
            }
        }

        return words;
    }

    private void Include(ConfigSite site, string path, string? pattern, List<Token> tokens, List<string> chain, int depth)
    {
        if (pattern is null)
        {
            findings.Add(ImportFinding.Error(site, "`include` names no file"));
            return;
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(folder, pattern);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var name = Path.GetFileName(full);
        var glob = name.IndexOfAny(['*', '?', '[']) >= 0;
        var files = glob
            ? (Directory.Exists(directory) ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal).ToList() : [])
            : [full];
        if (glob && files.Count == 0)
        {
            findings.Add(ImportFinding.Note(site, "`include " + pattern + "` matches no file (keepalived reads none either)"));
        }

        foreach (var included in files)
        {
            if (chain.Contains(included, StringComparer.Ordinal))
            {
                findings.Add(ImportFinding.Error(site, "`include " + pattern + "` includes " + included + " again: an include loop"));
                continue;
            }

            if (depth + 1 > MaxIncludeDepth)
            {
                findings.Add(ImportFinding.Error(site, "`include " + pattern + "` nests includes deeper than " + MaxIncludeDepth + " files"));
                continue;
            }

            var (text, error) = readFile(included);
            if (text is null)
            {
                findings.Add(ImportFinding.Error(site, "`include " + pattern + "`: cannot read " + error));
                continue;
            }

            Tokenize(site.File + ">" + Path.GetFileName(included), included, text, tokens, [.. chain, included], depth + 1);
        }
    }

    /// <summary>Statements until the end of the tokens, or until the <c>}</c> closing the block they are in.</summary>
    private List<Statement> Statements(List<Token> tokens, ref int position, bool closed, int depth = 0)
    {
        var statements = new List<Statement>();
        if (depth > MaxBlockDepth)
        {
            // Each level is a frame of this reader's stack: three million `{` overflowed it (exit 134). Nothing after is read.
            findings.Add(ImportFinding.Error(tokens[position - 1].Site, "blocks nested deeper than " + MaxBlockDepth + " levels; keepalived's configuration nests a few"));
            position = tokens.Count;
            tooDeep = true;
            return statements;
        }

        while (position < tokens.Count)
        {
            var first = tokens[position];
            if (first.Text == "}")
            {
                position++;
                if (closed)
                {
                    return statements;
                }

                findings.Add(ImportFinding.Error(first.Site, "`}` closes no block"));
                continue;
            }

            if (first.Text == "{")
            {
                // A block without a keyword: read and dropped, as keepalived does not know what it is either.
                position++;
                findings.Add(ImportFinding.Warning(first.Site, "a block with no keyword before its `{`: not imported"));
                Statements(tokens, ref position, closed: true, depth + 1);
                continue;
            }

            position++;
            var arguments = new List<string>();
            while (position < tokens.Count && !tokens[position].FirstOnLine && tokens[position].Text is not ("{" or "}"))
            {
                arguments.Add(tokens[position++].Text);
            }

            List<Statement>? children = null;
            if (position < tokens.Count && tokens[position].Text == "{")
            {
                position++;
                children = Statements(tokens, ref position, closed: true, depth + 1);
            }

            statements.Add(new Statement(first.Text, arguments, children, first.Site, first.Comments));
        }

        if (closed && !tooDeep)
        {
            findings.Add(ImportFinding.Error(tokens.Count > 0 ? tokens[^1].Site : new ConfigSite("keepalived.conf", 1), "a block is not closed (a `}` is missing)"));
        }

        return statements;
    }

    private void ReadTop(Statement statement)
    {
        switch (statement.Keyword)
        {
            case "vrrp_instance":
                ReadInstance(statement);
                break;
            case "global_defs" or "vrrp_script" or "vrrp_track_process" or "vrrp_track_file" or "track_file" or "garp_group" or "linkbeat_use_polling":
                findings.Add(ImportFinding.Note(statement.Site, "`" + statement.Keyword + "`: Lef.Infra writes its own (it tracks HAProxy with vrrp_track_process and the maintenance file with track_file)"));
                break;
            case "vrrp_sync_group":
                findings.Add(ImportFinding.Warning(statement.Site, "`vrrp_sync_group " + string.Join(' ', statement.Arguments)
                    + "` is not imported: a pair is one VRRP instance, so every pool of a pair moves together"));
                break;
            case "virtual_server" or "virtual_server_group":
                findings.Add(ImportFinding.Warning(statement.Site, "`" + statement.Keyword + " " + string.Join(' ', statement.Arguments)
                    + "` is keepalived's LVS load balancing, which Lef.Infra does not run (HAProxy does): not imported"));
                break;
            default:
                findings.Add(ImportFinding.Warning(statement.Site, "`" + statement.Keyword + "` is not understood: not imported"));
                break;
        }
    }

    private void ReadInstance(Statement block)
    {
        var name = block.Arguments.FirstOrDefault();
        if (name is null || block.Children is null)
        {
            findings.Add(ImportFinding.Warning(block.Site, "`vrrp_instance` without a name and a block: not imported"));
            return;
        }

        var todos = new List<ImportFinding>();
        string? parentInterface = null, source = null;
        int? routerId = null, priority = null, advert = null;
        var noPreempt = false;
        var peers = new List<string>();
        var addresses = new List<(Statement Entry, bool Excluded)>();
        foreach (var setting in block.Children)
        {
            var value = setting.Arguments.FirstOrDefault();
            switch (setting.Keyword)
            {
                case "interface":
                    parentInterface = value;
                    break;
                case "virtual_router_id":
                    routerId = Integer(setting, todos);
                    break;
                case "priority":
                    priority = Integer(setting, todos);
                    break;
                case "advert_int":
                    advert = value is not null && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                        ? (int)Math.Round(seconds * 1000m)
                        : Bad(setting, todos);
                    break;
                case "nopreempt":
                    noPreempt = true;
                    break;
                case "unicast_src_ip":
                    source = value;
                    break;
                case "unicast_peer":
                    // One peer a line, each possibly with options (min_ttl 1), or several on one line: every word that is an address.
                    peers.AddRange((setting.Children ?? []).SelectMany(p => p.Arguments.Prepend(p.Keyword)).Where(w => Lef.Infra.Dsl.Model.Ipv4.TryParse(w, out _)));
                    break;
                case "virtual_ipaddress":
                    addresses.AddRange((setting.Children ?? []).Select(a => (a, false)));
                    break;
                case "virtual_ipaddress_excluded":
                    Warn(setting.Site, "`virtual_ipaddress_excluded` addresses move with the instance but are not sent in adverts; imported as the pair's VIPs, "
                        + "which the emitter writes under `virtual_ipaddress` (past the 255 an advert carries, under `virtual_ipaddress_excluded`)", todos);
                    addresses.AddRange((setting.Children ?? []).Select(a => (a, true)));
                    break;
                case "authentication":
                    Warn(setting.Site, "VRRP `authentication` is not written by the emitter (VRRPv3 has none, and keepalived's PASS is sent in clear): "
                        + "the pair's adverts are unicast to its two nodes instead", todos);
                    break;
                case var notify when notify.StartsWith("notify", StringComparison.Ordinal) || notify == "smtp_alert":
                    Warn(setting.Site, "`" + notify + "` runs a script or mails on a state change, which the emitter does not write: not imported", todos);
                    break;
                case "virtual_routes" or "virtual_rules" or "use_vmac" or "vmac_xmit_base" or "native_ipv6":
                    Warn(setting.Site, "`" + setting.Keyword + "` is not expressible in the DSL: not imported", todos);
                    break;
                case var tracked when Tracking.Contains(tracked):
                    findings.Add(ImportFinding.Note(setting.Site, "`" + tracked + "`: the emitter tracks HAProxy (vrrp_track_process) and the maintenance file (track_file) itself"));
                    break;
                case var tuned when Tuning.Contains(tuned):
                    findings.Add(ImportFinding.Note(setting.Site, "`" + tuned + "`: Lef.Infra writes its own"));
                    break;
                default:
                    Warn(setting.Site, "`" + setting.Keyword + "` in vrrp_instance " + name + " is not understood: not imported", todos);
                    break;
            }
        }

        var vips = new List<VrrpAddress>();
        foreach (var (entry, _) in addresses)
        {
            if (Address(entry, parentInterface, todos) is { } address)
            {
                vips.Add(address);
            }
        }

        instances.Add(new VrrpInstance(node, name, block.Site, parentInterface, routerId, priority, advert, noPreempt, source, peers, vips, block.Comments, todos)
        {
            PairField = emittedPairFields.GetValueOrDefault(name),
        });
    }

    /// <summary><c>ADDRESS[/PREFIX] [brd B] [dev IF] [scope S] [label LABEL] ...</c>; keepalived's default prefix is /32.</summary>
    private VrrpAddress? Address(Statement entry, string? parentInterface, List<ImportFinding> todos)
    {
        var slash = entry.Keyword.IndexOf('/');
        var address = slash < 0 ? entry.Keyword : entry.Keyword[..slash];
        var prefix = 32;
        if (slash >= 0 && (!int.TryParse(entry.Keyword[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32))
        {
            Warn(entry.Site, "`" + entry.Keyword + "` has no valid prefix length: not imported", todos);
            return null;
        }

        string? device = null, label = null;
        for (var i = 0; i + 1 < entry.Arguments.Count; i++)
        {
            switch (entry.Arguments[i])
            {
                case "dev":
                    device = entry.Arguments[++i];
                    break;
                case "label":
                    label = entry.Arguments[++i];
                    break;
            }
        }

        if (slash < 0)
        {
            findings.Add(ImportFinding.Note(entry.Site, address + " has no prefix length, so keepalived adds it as a /32; imported into the /32 network of its own"));
        }

        if (device is not null && parentInterface is not null && device != parentInterface)
        {
            findings.Add(ImportFinding.Note(entry.Site, address + " is added on " + device + ", not on the instance's interface " + parentInterface));
        }

        return new VrrpAddress(address, prefix, device, label, entry.Site, entry.Comments);
    }

    private int? Integer(Statement setting, List<ImportFinding> todos) =>
        int.TryParse(setting.Arguments.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : Bad(setting, todos);

    private int? Bad(Statement setting, List<ImportFinding> todos)
    {
        Warn(setting.Site, "`" + setting.Keyword + " " + string.Join(' ', setting.Arguments) + "` is not a number keepalived reads: not imported", todos);
        return null;
    }

    private void Warn(ConfigSite site, string message, List<ImportFinding> todos)
    {
        var finding = ImportFinding.Warning(site, message);
        findings.Add(finding);
        todos.Add(finding);
    }
}
