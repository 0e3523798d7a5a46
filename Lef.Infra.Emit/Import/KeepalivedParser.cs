using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Lef.Infra.Emit.Import;

/// <summary>One node's VRRP instance as a live keepalived.conf declares it: what a <c>ProxyPair</c> is made of.</summary>
internal sealed record KeepalivedNode(
    string Host, string Instance, ConfigSite Site, string? Interface, int? RouterId, int? Priority, int? AdvertMs, string? Source, IReadOnlyList<string> Peers, bool NoPreempt);

/// <summary>
/// Reads the <c>vrrp_instance</c> of a live keepalived.conf: its settings, and its <c>virtual_ipaddress</c> entries as
/// alias stanzas of the pair (<c>ADDR/PREFIX dev ens18 label ens18:n</c>; an entry without a label is numbered by the
/// import). Blocks are matched by braces; comments start with '#' or '!'. Nothing in the file is run or kept as code.
/// </summary>
internal static class KeepalivedParser
{
    public static (KeepalivedNode? Node, IReadOnlyList<AliasStanza> Vips, IReadOnlyList<ImportFinding> Findings) Parse(string file, string host, string text)
    {
        var findings = new List<ImportFinding>();
        var vips = new List<(string Entry, ConfigSite Site)>();
        var peers = new List<string>();
        var path = new List<string>();
        KeepalivedNode? node = null;
        var instances = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var cut = line.IndexOfAny(['#', '!']);
            var words = (cut < 0 ? line : line[..cut]).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();
            var site = new ConfigSite(file, i + 1);
            var opens = words.Count > 0 && words[^1] == "{";
            if (opens)
            {
                words.RemoveAt(words.Count - 1);
            }

            var block = path.Count > 0 ? path[^1] : null;
            if (words.Count == 1 && words[0] == "}")
            {
                if (path.Count > 0)
                {
                    path.RemoveAt(path.Count - 1);
                }

                continue;
            }

            if (words.Count == 0)
            {
                if (opens)
                {
                    path.Add(string.Empty);
                }

                continue;
            }

            if (path.Count == 0 && words[0] == "vrrp_instance" && words.Count == 2)
            {
                instances++;
                node ??= new KeepalivedNode(host, words[1], site, null, null, null, null, null, peers, false);
            }
            else if (node is not null && instances == 1 && path.Count == 1 && path[0] == "vrrp_instance")
            {
                var value = words.Count > 1 ? words[1] : null;
                node = words[0] switch
                {
                    "interface" => node with { Interface = value },
                    "virtual_router_id" => node with { RouterId = Int(value) },
                    "priority" => node with { Priority = Int(value) },
                    "advert_int" => node with { AdvertMs = decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) ? (int)(seconds * 1000) : null },
                    "unicast_src_ip" => node with { Source = value },
                    "nopreempt" => node with { NoPreempt = true },
                    _ => node,
                };
            }
            else if (instances == 1 && block == "unicast_peer" && path.Count == 2)
            {
                peers.Add(words[0]);
            }
            else if (instances == 1 && block == "virtual_ipaddress" && path.Count == 2)
            {
                vips.Add((string.Join(' ', words), site));
            }

            if (opens)
            {
                path.Add(path.Count == 0 && words[0] == "vrrp_instance" ? "vrrp_instance" : words[0]);
            }
        }

        if (node is null)
        {
            findings.Add(ImportFinding.Error(new ConfigSite(file, 1), "no vrrp_instance: this is not the keepalived.conf of a pair node"));
            return (null, [], findings);
        }

        if (instances > 1)
        {
            findings.Add(ImportFinding.Warning(node.Site, "only the first vrrp_instance (" + node.Instance + ") is imported: a pair holds its VIPs in one instance"));
        }

        return (node, vips.Select(v => Vip(node, v.Entry, v.Site, findings)).OfType<AliasStanza>().ToList(), findings);
    }

    private static AliasStanza? Vip(KeepalivedNode node, string entry, ConfigSite site, List<ImportFinding> findings)
    {
        var words = entry.Split(' ');
        var slash = words[0].IndexOf('/');
        var address = slash < 0 ? words[0] : words[0][..slash];
        var prefix = slash < 0 ? 32 : Int(words[0][(slash + 1)..]);
        var device = Setting(words, "dev") ?? node.Interface ?? "ens18";
        var label = Setting(words, "label");
        var colon = label?.LastIndexOf(':') ?? -1;
        if (label is not null && colon > 0 && Int(label[(colon + 1)..]) is { } alias)
        {
            return new AliasStanza(node.Instance, label[..colon], alias, address, prefix, site, null, [], []);
        }

        findings.Add(ImportFinding.Note(site, entry + " has no label " + device + ":<n>; the import numbers it, and the emitter writes it with one"));
        return new AliasStanza(node.Instance, device, 0, address, prefix, site, null, [], [], Secondary: true);
    }

    private static string? Setting(string[] words, string name)
    {
        var at = Array.IndexOf(words, name);
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : null;
    }

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
