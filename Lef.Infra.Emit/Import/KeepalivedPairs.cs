using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Import;

/// <summary>A pair as it will be declared: <c>Pairs.Core = new(Name: ..., First: new PairNode(...), ...)</c>.</summary>
internal sealed record ImportedPair(
    string Field,
    string Name,
    PairNode First,
    PairNode Second,
    string Interface,
    int VirtualRouterId,
    int AdvertIntervalMs,
    IReadOnlyList<string> UnicastPeers,
    FailBack FailBack,
    IReadOnlyList<string> Comments,
    IReadOnlyList<ImportFinding> Todos);

/// <summary>
/// Matches the VRRP instances of the nodes' keepalived.conf files into pairs (the same virtual router ID on the same
/// interface, one instance on each of two nodes) and turns each pair's <c>virtual_ipaddress</c> entries into VIPs owned by
/// the pair: alias stanzas of a "host" named after the pair, which the rest of the import places in pools as it does
/// ifupdown's. The node with the higher priority is <c>First</c>: the master while both run.
/// </summary>
internal static class KeepalivedPairs
{
    /// <summary>keepalived's default priority when an instance sets none.</summary>
    private const int DefaultPriority = 100;

    /// <summary>keepalived's default advert interval: one second.</summary>
    private const int DefaultAdvertMs = 1000;

    public static (IReadOnlyList<ImportedPair> Pairs, IReadOnlyList<AliasStanza> Aliases, IReadOnlyDictionary<string, string> PairOfNode, IReadOnlyList<ImportFinding> Findings)
        Match(IReadOnlyList<VrrpInstance> instances)
    {
        var findings = new List<ImportFinding>();
        var pairs = new List<ImportedPair>();
        var aliases = new List<AliasStanza>();
        var pairOfNode = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new FieldNames("Pairs", "Pair");
        var usable = new List<VrrpInstance>();
        foreach (var instance in instances)
        {
            if (instance.VirtualRouterId is null || instance.Interface is null)
            {
                findings.Add(ImportFinding.Warning(instance.Site, "vrrp_instance " + instance.Name + " has no " + (instance.VirtualRouterId is null ? "virtual_router_id" : "interface")
                    + ", which keepalived needs to run it: not imported"));
                continue;
            }

            usable.Add(instance);
        }

        foreach (var group in usable.GroupBy(i => (i.Interface!, i.VirtualRouterId!.Value)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2))
        {
            foreach (var members in Split(group.ToList(), findings))
            {
                var ordered = members.OrderByDescending(m => m.Priority ?? DefaultPriority).ToList();
                var pair = Pair(ordered[0], ordered[1], fields, findings, aliases);
                pairs.Add(pair);
                foreach (var node in new[] { pair.First.Host, pair.Second.Host })
                {
                    if (pairOfNode.TryGetValue(node, out var other) && other != pair.Name)
                    {
                        findings.Add(ImportFinding.Warning(ordered[0].Site, node + " is a node of two pairs, " + other + " and " + pair.Name
                            + ": its haproxy.cfg is imported for " + other + " only"));
                        continue;
                    }

                    pairOfNode[node] = pair.Name;
                }
            }
        }

        return (pairs, aliases, pairOfNode, findings);
    }

    /// <summary>One router ID on one interface: a pair when it is one instance on each of two nodes; told apart by name when there are more.</summary>
    private static IEnumerable<List<VrrpInstance>> Split(List<VrrpInstance> group, List<ImportFinding> findings)
    {
        var candidates = group.Select(i => i.Node).Distinct().Count() == 2 && group.Count == 2 ? [group] : group.GroupBy(i => i.Name).Select(g => g.ToList()).ToList();
        foreach (var members in candidates)
        {
            if (members.Count == 2 && members[0].Node != members[1].Node)
            {
                yield return members;
                continue;
            }

            var first = members[0];
            findings.Add(ImportFinding.Error(first.Site, members.Count == 1
                ? "vrrp_instance " + first.Name + " (virtual_router_id " + first.VirtualRouterId + " on " + first.Interface + ") is only in " + first.Node
                    + "'s keepalived.conf: pass the other node's file too (--keepalived HOST=FILE), a pair is read from both"
                : "vrrp_instance " + first.Name + " (virtual_router_id " + first.VirtualRouterId + " on " + first.Interface + ") is in "
                    + string.Join(", ", members.Select(m => m.Node)) + ": import cannot tell which two nodes make the pair"));
        }
    }

    private static ImportedPair Pair(VrrpInstance master, VrrpInstance backup, FieldNames fields, List<ImportFinding> findings, List<AliasStanza> aliases)
    {
        var todos = new List<ImportFinding>(master.Todos.Concat(backup.Todos));
        void Warn(ConfigSite site, string message)
        {
            var finding = ImportFinding.Warning(site, message);
            findings.Add(finding);
            todos.Add(finding);
        }

        foreach (var instance in new[] { master, backup }.Where(i => i.Priority is null))
        {
            findings.Add(ImportFinding.Note(instance.Site, "vrrp_instance " + instance.Name + " on " + instance.Node + " sets no priority: keepalived's default " + DefaultPriority));
        }

        if ((master.Priority ?? DefaultPriority) == (backup.Priority ?? DefaultPriority))
        {
            Warn(master.Site, "both nodes have priority " + (master.Priority ?? DefaultPriority) + ", so the pair has no defined master (keepalived breaks the tie by address): "
                + master.Node + " is imported as First");
        }

        if (master.Name != backup.Name)
        {
            findings.Add(ImportFinding.Note(backup.Site, "the pair's instance is " + master.Name + " on " + master.Node + " and " + backup.Name + " on " + backup.Node
                + ": named " + master.Name));
        }

        var advert = master.AdvertIntervalMs ?? DefaultAdvertMs;
        if ((backup.AdvertIntervalMs ?? DefaultAdvertMs) != advert)
        {
            Warn(backup.Site, "advert_int differs between the nodes (" + Seconds(advert) + " s on " + master.Node + ", " + Seconds(backup.AdvertIntervalMs ?? DefaultAdvertMs)
                + " s on " + backup.Node + "): imported " + Seconds(advert) + " s, which the emitter writes on both");
        }

        var failBack = master.NoPreempt || backup.NoPreempt ? FailBack.Stay : FailBack.Preempt;
        if (master.NoPreempt != backup.NoPreempt)
        {
            findings.Add(ImportFinding.Note((master.NoPreempt ? master : backup).Site, "nopreempt is set on " + (master.NoPreempt ? master.Node : backup.Node)
                + " only: imported as FailBack.Stay, which the emitter writes on both nodes"));
        }

        var masterAddress = Source(master, backup, Warn);
        var backupAddress = Source(backup, master, Warn);
        var peers = master.UnicastPeers.Concat(backup.UnicastPeers).Distinct(StringComparer.Ordinal)
            .OrderBy(p => p == masterAddress ? 0 : p == backupAddress ? 1 : 2)
            .ToList();
        if (peers.Count == 0)
        {
            Warn(master.Site, "the pair sends its adverts by multicast (no unicast_peer): the emitter writes unicast adverts between the two nodes' addresses");
            peers = [masterAddress, backupAddress];
        }

        var name = master.Name;
        var field = fields.TryTake(master.PairField) ? master.PairField! : fields.Take(FieldNames.Pascal(name));
        aliases.AddRange(Vips(name, master, backup, Warn, findings));
        return new ImportedPair(
            field,
            name,
            new PairNode(master.Node, masterAddress, master.Priority ?? DefaultPriority),
            new PairNode(backup.Node, backupAddress, backup.Priority ?? DefaultPriority),
            master.Interface!,
            master.VirtualRouterId!.Value,
            advert,
            peers,
            failBack,
            master.Comments.Where(c => !EmitterComments.IsBoilerplate(c) && !EmitterComments.IsDecoration(c)).ToList(),
            todos);
    }

    /// <summary>The node's own address: its <c>unicast_src_ip</c>, else the one peer the other node sends to.</summary>
    private static string Source(VrrpInstance node, VrrpInstance other, Action<ConfigSite, string> warn)
    {
        if (node.UnicastSource is { } source)
        {
            return source;
        }

        if (other.UnicastPeers.Count == 1)
        {
            return other.UnicastPeers[0];
        }

        warn(node.Site, node.Node + " sets no unicast_src_ip and " + other.Node + " names " + (other.UnicastPeers.Count == 0 ? "no" : "several") + " unicast peers: "
            + "its address on " + node.Interface + " is unknown; write it in the pair");
        return string.Empty;
    }

    /// <summary>
    /// The master's <c>virtual_ipaddress</c> entries as alias stanzas of the pair (<c>label ens18:1</c> is alias 1); an entry
    /// without such a label takes the lowest free number. An address only one node lists is reported.
    /// </summary>
    private static IEnumerable<AliasStanza> Vips(string pairName, VrrpInstance master, VrrpInstance backup, Action<ConfigSite, string> warn, List<ImportFinding> findings)
    {
        static string Key(VrrpAddress a) => a.Address + "/" + a.Prefix.ToString(CultureInfo.InvariantCulture);
        var backupAddresses = backup.Addresses.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in backup.Addresses.Where(a => !master.Addresses.Any(m => Key(m) == Key(a))))
        {
            warn(missing.Site, missing.Address + " is a VIP of " + backup.Node + " only, so it would never be held by " + master.Node + ": not imported");
        }

        var labelled = master.Addresses.Select(a => (Address: a, Alias: AliasOf(a, master.Interface!))).ToList();
        var used = labelled.Where(l => l.Alias is not null).Select(l => l.Alias!.Value).ToHashSet();
        foreach (var (address, alias) in labelled)
        {
            var todos = new List<ImportFinding>();
            void Todo(string message)
            {
                var finding = ImportFinding.Warning(address.Site, message);
                findings.Add(finding);
                todos.Add(finding);
            }

            if (!backupAddresses.Contains(Key(address)))
            {
                Todo(address.Address + " is a VIP of " + master.Node + " only: when " + backup.Node + " takes over it is not moved; imported as a VIP of the pair, "
                    + "which the emitter gives both nodes");
            }

            var number = alias ?? Enumerable.Range(1, int.MaxValue - 1).First(used.Add);
            if (alias is null)
            {
                Todo(address.Address + " has no label " + master.Interface + ":n: imported as " + master.Interface + ":" + number.ToString(CultureInfo.InvariantCulture)
                    + ", the label the emitter writes for it");
            }

            var comments = address.Comments.Where(c => EmitterComments.VipField(c) is null && !EmitterComments.IsBoilerplate(c) && !EmitterComments.IsDecoration(c)).ToList();
            var vipField = address.Comments.Select(EmitterComments.VipField).FirstOrDefault(f => f is not null);
            yield return new AliasStanza(pairName, address.Device ?? master.Interface!, number, address.Address, address.Prefix, address.Site, vipField, comments, todos);
        }
    }

    /// <summary><c>label ens18:3</c> on the instance's interface is alias 3; any other label (or none) is no alias number.</summary>
    private static int? AliasOf(VrrpAddress address, string parentInterface) =>
        address.Label is { } label && label.StartsWith(parentInterface + ":", StringComparison.Ordinal)
            && int.TryParse(label[(parentInterface.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var alias)
            ? alias
            : null;

    private static string Seconds(int milliseconds) => (milliseconds / 1000m).ToString(CultureInfo.InvariantCulture);
}
