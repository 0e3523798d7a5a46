using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// Reads the VIP aliases out of an ifupdown interfaces file (interfaces(5)): <c>iface &lt;if&gt;:&lt;n&gt; inet static</c>
/// stanzas with <c>address</c> and <c>netmask</c>, or an <c>address a.b.c.d/nn</c>. Other stanzas are the host's own
/// interfaces and are left alone; commands and <c>source</c> lines that could bind addresses unseen are reported.
/// </summary>
internal sealed class InterfacesParser
{
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal) { "up", "down", "pre-up", "post-up", "pre-down", "post-down" };

    private readonly string file;
    private readonly string proxyHost;
    private readonly List<AliasStanza> aliases = [];
    private readonly List<ImportFinding> findings = [];
    private readonly HashSet<string> autoNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> interfacesWithAddress;
    private readonly List<string> pendingComments = [];
    private string? pendingVipField;
    private StanzaBuilder? current;
    private bool inOtherStanza;

    private InterfacesParser(string file, string proxyHost, HashSet<string> interfacesWithAddress)
    {
        this.file = file;
        this.proxyHost = proxyHost;
        this.interfacesWithAddress = interfacesWithAddress;
    }

    /// <param name="interfacesWithAddress">
    /// The interfaces of this host that earlier files gave an <c>inet</c> stanza, shared across its files in the order ifupdown
    /// reads them: a stanza for one of them is a secondary address.
    /// </param>
    public static (IReadOnlyList<AliasStanza> Aliases, IReadOnlyList<ImportFinding> Findings) Parse(
        string file, string proxyHost, string text, HashSet<string>? interfacesWithAddress = null)
    {
        var parser = new InterfacesParser(file, proxyHost, interfacesWithAddress ?? new HashSet<string>(StringComparer.Ordinal));
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');

            // A trailing backslash continues the line (interfaces(5)); joined in one buffer, so a long run stays linear.
            if (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                var joined = new System.Text.StringBuilder(line, 0, line.Length - 1, line.Length * 2);
                while (i + 1 < lines.Length)
                {
                    var next = lines[++i].TrimEnd('\r');
                    joined.Append(' ');
                    if (!next.EndsWith('\\'))
                    {
                        joined.Append(next);
                        break;
                    }

                    joined.Append(next, 0, next.Length - 1);
                }

                line = joined.ToString();
            }

            parser.ReadLine(line, number);
        }

        parser.CloseStanza();
        parser.ReportAliasesNotBroughtUp();
        return (parser.aliases, parser.findings);
    }

    private void ReadLine(string line, int number)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            current?.Comments.AddRange(pendingComments);
            pendingComments.Clear();
            return;
        }

        // Only a # at the start of a line is a comment; interfaces(5) has no end-of-line comments.
        if (trimmed[0] == '#')
        {
            var comment = trimmed.TrimStart('#').Trim();
            if (EmitterComments.VipField(comment) is { } field)
            {
                pendingVipField = field;
            }
            else if (!EmitterComments.IsBoilerplate(comment) && !EmitterComments.IsDecoration(comment))
            {
                pendingComments.Add(comment);
            }

            return;
        }

        var words = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var site = new ConfigSite(file, number);
        switch (words[0])
        {
            case "iface":
                CloseStanza();
                StartStanza(words, site);
                return;
            case "auto" or "allow-auto" or "allow-hotplug":
                CloseStanza();
                autoNames.UnionWith(words.Skip(1));
                return;
            case "source" or "source-directory" or "source-dir":
                CloseStanza();
                Drop(ImportFinding.Warning(site, "`" + trimmed + "` is not followed; pass each file it includes with --interfaces"));
                return;
            case var keyword when keyword is "mapping" or "rename" or "no-auto-down" or "no-scripts" or "template" || keyword.StartsWith("allow-", StringComparison.Ordinal):
                CloseStanza();
                Drop(ImportFinding.Note(site, "`" + trimmed + "`: not a VIP alias; left alone"));
                return;
        }

        ReadOption(words, trimmed, site);
    }

    private void StartStanza(string[] words, ConfigSite site)
    {
        var name = words.Length > 1 ? words[1] : string.Empty;
        var colon = name.IndexOf(':');
        var family = words.Length > 2 ? words[2] : string.Empty;
        var method = words.Length > 3 ? words[3] : string.Empty;
        if (colon < 0)
        {
            // ifupdown adds the address of every further `iface X inet static` stanza to X: a secondary address, as VIPs often are.
            var first = family != "inet" || interfacesWithAddress.Add(name);
            if (family == "inet" && method == "static")
            {
                current = new StanzaBuilder(name, 0, site, [.. pendingComments], pendingVipField) { Kind = first ? StanzaKind.Primary : StanzaKind.Secondary };
                pendingComments.Clear();
                pendingVipField = null;
                return;
            }

            inOtherStanza = true;
            Drop(ImportFinding.Note(site, "iface " + name + ": not a VIP alias (no :<n>); left alone"));
            return;
        }

        if (family != "inet" || method != "static")
        {
            inOtherStanza = true;
            Drop(ImportFinding.Warning(site, "iface " + name + " is `" + family + " " + method + "`; a VIP alias is `inet static`"));
            return;
        }

        var aliasText = name[(colon + 1)..];
        if (aliasText.Length is 0 or > 9 || !aliasText.All(char.IsAsciiDigit))
        {
            inOtherStanza = true;
            Drop(ImportFinding.Warning(site, "iface " + name + ": the alias `" + aliasText + "` is not a number; the DSL numbers aliases"));
            return;
        }

        current = new StanzaBuilder(name[..colon], int.Parse(aliasText, NumberStyles.None, CultureInfo.InvariantCulture), site, [.. pendingComments], pendingVipField);
        pendingComments.Clear();
        pendingVipField = null;
    }

    private void ReadOption(string[] words, string text, ConfigSite site)
    {
        if (current is null)
        {
            // An option of a stanza that is not an alias: only commands that add addresses matter.
            if (inOtherStanza && Commands.Contains(words[0]) && text.Contains("addr", StringComparison.Ordinal))
            {
                Drop(ImportFinding.Warning(site, "`" + text + "` may bind a VIP the import cannot see; declare it as an alias stanza"));
            }
            else if (!inOtherStanza)
            {
                Drop(ImportFinding.Warning(site, "`" + text + "` is outside any stanza"));
            }

            return;
        }

        current.Comments.AddRange(pendingComments);
        pendingComments.Clear();
        if (current.Kind != StanzaKind.Alias && !(words[0] is "address" or "netmask"))
        {
            // The interface's own settings (gateway, dns-*, mtu, ...) are the host's, not the VIPs'.
            if (Commands.Contains(words[0]) && text.Contains("addr", StringComparison.Ordinal))
            {
                Drop(ImportFinding.Warning(site, "`" + text + "` may bind a VIP the import cannot see; declare it as an alias stanza"));
            }

            return;
        }

        switch (words[0])
        {
            case "address" when words.Length > 1 && current.Address is not null && current.Kind != StanzaKind.Alias:
                current.Extra.Add((words[1], site));
                return;
            case "address" when words.Length > 1:
                if (current.Address is not null)
                {
                    current.Todo(ImportFinding.Warning(site, "a second address on " + current.Name + "; an alias holds one VIP"));
                    return;
                }

                var slash = words[1].IndexOf('/');
                current.Address = slash < 0 ? words[1] : words[1][..slash];
                if (slash >= 0)
                {
                    current.CidrPrefix = PrefixOf(words[1][(slash + 1)..], site, current);
                }

                return;
            case "netmask" when words.Length > 1:
                current.NetmaskPrefix = PrefixOf(words[1], site, current);
                return;
            case var command when Commands.Contains(command):
                current.Todo(ImportFinding.Warning(site, "`" + text + "` on " + current.Name + ": commands are not carried over"));
                return;
            default:
                Drop(ImportFinding.Note(site, "`" + text + "` on " + current.Name + ": not carried over; Lef.Infra writes address and netmask"));
                return;
        }
    }

    /// <summary>A netmask as dotted quad (255.255.255.0) or prefix length (24), as ifupdown accepts both.</summary>
    private int? PrefixOf(string text, ConfigSite site, StanzaBuilder stanza)
    {
        if (text.Length is > 0 and <= 2 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var bits and <= 32)
        {
            return bits;
        }

        if (Ipv4.TryParse(text, out var mask))
        {
            var prefix = 0;
            while (prefix < 32 && (mask & (0x80000000u >> prefix)) != 0)
            {
                prefix++;
            }

            if (prefix == 32 || mask << prefix == 0)
            {
                return prefix;
            }
        }

        stanza.Todo(ImportFinding.Warning(site, "netmask `" + text + "` on " + stanza.Name + " is not a valid mask"));
        return null;
    }

    private void CloseStanza()
    {
        inOtherStanza = false;
        if (current is null)
        {
            return;
        }

        // Comments still pending belong to the next stanza: they sit above its auto or iface line.
        var stanza = current;
        current = null;
        if (stanza.Kind != StanzaKind.Alias)
        {
            CloseInterfaceStanza(stanza);
            return;
        }

        findings.AddRange(stanza.Todos);
        if (stanza.Address is null)
        {
            findings.Add(ImportFinding.Warning(stanza.Site, "iface " + stanza.Name + " has no address"));
            return;
        }

        if (stanza.CidrPrefix is { } cidr && stanza.NetmaskPrefix is { } netmask && cidr != netmask)
        {
            findings.Add(ImportFinding.Note(stanza.Site, stanza.Name + " has both /" + cidr + " and netmask /" + netmask + "; ifupdown uses the address's /" + cidr));
        }

        aliases.Add(new AliasStanza(
            proxyHost, stanza.Interface, stanza.Alias, stanza.Address, stanza.CidrPrefix ?? stanza.NetmaskPrefix, stanza.Site, stanza.VipField, stanza.Comments, stanza.Todos));
    }

    /// <summary>
    /// A stanza of the interface itself: its first address is the host's own; the address of a further stanza, and every
    /// further <c>address</c> line, is a secondary address, imported as a VIP.
    /// </summary>
    private void CloseInterfaceStanza(StanzaBuilder stanza)
    {
        var secondaries = new List<(string Address, int? Prefix, ConfigSite Site, ImportFinding? Todo)>();
        if (stanza.Kind == StanzaKind.Secondary && stanza.Address is not null)
        {
            secondaries.Add((stanza.Address, stanza.CidrPrefix ?? stanza.NetmaskPrefix, stanza.Site, null));
        }
        else if (stanza.Kind == StanzaKind.Primary)
        {
            findings.Add(ImportFinding.Note(stanza.Site, "iface " + stanza.Interface + ": the host's own address" + (stanza.Address is null ? string.Empty : " " + stanza.Address) + ", not a VIP; left alone"));
        }

        foreach (var (text, site) in stanza.Extra)
        {
            var slash = text.IndexOf('/');
            int? prefix = slash < 0 ? stanza.NetmaskPrefix : PrefixOf(text[(slash + 1)..], site, stanza);
            secondaries.Add((slash < 0 ? text : text[..slash], prefix, site, ImportFinding.Warning(site, "a further `address` on " + stanza.Interface
                + ": ifupdown 0.8 (Debian's) brings up only the first address of a stanza, ifupdown2 every one; imported as a VIP: check which ifupdown the host runs")));
        }

        findings.AddRange(stanza.Todos);
        foreach (var (address, prefix, site, todo) in secondaries)
        {
            var todos = todo is null ? stanza.Todos : [.. stanza.Todos, todo];
            if (todo is not null)
            {
                findings.Add(todo);
            }

            aliases.Add(new AliasStanza(proxyHost, stanza.Interface, 0, address, prefix, site, stanza.VipField, stanza.Comments, todos, Secondary: true));
        }
    }

    private void ReportAliasesNotBroughtUp()
    {
        foreach (var alias in aliases.Where(a => !autoNames.Contains(a.Secondary ? a.Interface : a.Name)))
        {
            findings.Add(ImportFinding.Note(alias.Site, alias.Name + " has no `auto` line, so it is not up after a reboot; Lef.Infra writes one"));
        }
    }

    private void Drop(ImportFinding finding) => findings.Add(finding);

    private enum StanzaKind
    {
        Alias,
        Primary,
        Secondary,
    }

    private sealed class StanzaBuilder(string parentInterface, int alias, ConfigSite site, List<string> comments, string? vipField)
    {
        public StanzaKind Kind { get; init; }

        /// <summary>Further <c>address</c> lines of an interface's own stanza, as written.</summary>
        public List<(string Text, ConfigSite Site)> Extra { get; } = [];

        public string Interface { get; } = parentInterface;

        public int Alias { get; } = alias;

        public string Name => Kind == StanzaKind.Alias ? Interface + ":" + Alias.ToString(CultureInfo.InvariantCulture) : Interface;

        public ConfigSite Site { get; } = site;

        public List<string> Comments { get; } = comments;

        public string? VipField { get; } = vipField;

        public string? Address { get; set; }

        public int? CidrPrefix { get; set; }

        public int? NetmaskPrefix { get; set; }

        public List<ImportFinding> Todos { get; } = [];

        public void Todo(ImportFinding finding) => Todos.Add(finding);
    }
}
