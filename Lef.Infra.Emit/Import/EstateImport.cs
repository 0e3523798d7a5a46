using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Import;

/// <summary>The pool ranges given on the command line (<c>--pool-first</c>, <c>--pool-last</c>), each for the pool that holds it.</summary>
internal sealed record PoolRange(IReadOnlyList<string> First, IReadOnlyList<string> Last);

/// <summary>
/// Maps what the three parsers read onto the DSL: a pool per host, interface and network of the aliases; a VIP per alias
/// stanza; an endpoint per TCP bind, named by the A record pointing at its VIP. Conflicts are carried over as they are
/// (two binds on one VIP:port are two endpoints): finding them is the analyzer's job, and the point of importing.
/// </summary>
internal sealed class EstateImport
{
    private readonly List<ImportFinding> findings;
    private readonly List<PoolDraft> pools = [];
    private readonly List<VipDraft> vips = [];
    private readonly List<EndpointDraft> endpoints = [];
    private readonly HashSet<ZoneRecord> usedRecords = [];
    private readonly IReadOnlyList<ImportedViewSource> viewSources;
    private readonly Dictionary<string, string> viewFields = new(StringComparer.Ordinal);

    // Indexes, so that matching binds, aliases and records stays linear in the size of the estate.
    private readonly Dictionary<(string Host, string Interface), List<PoolDraft>> poolsByInterface = [];
    private readonly Dictionary<(string Host, string Interface, uint Address, int Prefix), PoolDraft> poolsByNetwork = [];
    private readonly Dictionary<string, List<VipDraft>> vipsByAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<VipDraft, List<EndpointDraft>> endpointsByVip = [];
    private readonly Dictionary<string, List<EndpointDraft>> endpointsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClusterDraft> clustersByNodes = new(StringComparer.Ordinal);
    private ILookup<string, ZoneRecord> recordsByAddress = Array.Empty<ZoneRecord>().ToLookup(r => r.Address);
    private ILookup<string, ZoneRecord> recordsByName = Array.Empty<ZoneRecord>().ToLookup(r => r.Name);
    private IReadOnlyList<ImportedPair> pairs = [];

    private EstateImport(IEnumerable<ImportFinding> parserFindings, IReadOnlyList<ImportedViewSource> viewSources)
    {
        findings = [.. parserFindings, .. viewSources.SelectMany(v => v.Todos)];
        this.viewSources = viewSources;
    }

    /// <summary>The estate, or an error when a pool range matches no imported pool.</summary>
    /// <param name="listens">The TCP routes of every haproxy.cfg.</param>
    /// <param name="aliases">The alias stanzas of every interfaces file.</param>
    /// <param name="records">The A records of every zone file, each with its view.</param>
    /// <param name="views">The DNS views to declare; empty when the zone is not split.</param>
    /// <param name="addressMap">Pools from the emitter's address map: their documented ranges and field names.</param>
    /// <param name="parserFindings">What the parsers reported.</param>
    /// <param name="sourceFiles">The input files, as findings name them.</param>
    /// <param name="range">Ranges given on the command line; they win over the address map.</param>
    /// <param name="pairs">The keepalived pairs; their VIPs are among <paramref name="aliases"/>, with the pair's name as host.</param>
    public static (ImportedEstate? Estate, string? Error) Map(
        IReadOnlyList<HaproxyListen> listens,
        IReadOnlyList<AliasStanza> aliases,
        IReadOnlyList<ZoneRecord> records,
        IReadOnlyList<ImportedViewSource> views,
        IReadOnlyList<AddressMapPool> addressMap,
        IEnumerable<ImportFinding> parserFindings,
        IReadOnlyList<string> sourceFiles,
        PoolRange range,
        IReadOnlyList<ImportedPair> pairs)
    {
        var import = new EstateImport(parserFindings, views)
        {
            pairs = pairs,
            recordsByAddress = records.ToLookup(r => AddressKey(r.Address), StringComparer.Ordinal),
            recordsByName = records.ToLookup(r => r.Name, StringComparer.Ordinal),
        };
        import.PlacePools(import.NumberSecondaries(aliases));
        import.ApplyAddressMap(addressMap);
        if (import.ApplyRange(range) is { } error)
        {
            return (null, error);
        }

        foreach (var listen in listens)
        {
            import.MapListen(listen, records);
        }

        import.ReportUnusedRecords(records);
        import.NameFields(records);
        return (import.Build(sourceFiles, records), null);
    }

    /// <summary>The mask ifupdown applies to an address without one: the old classful default.</summary>
    private static int ClassfulPrefix(uint address) => (address >> 24) switch
    {
        < 128 => 8,
        < 192 => 16,
        < 224 => 24,
        _ => 32,
    };

    /// <summary><c>fe_erp</c>, <c>be-erp</c>, <c>erp-1433</c> → <c>erp</c>: the section name as an endpoint name.</summary>
    private static string CleanSectionName(string section)
    {
        var name = section.ToLowerInvariant().Replace('_', '-').Replace('.', '-').Trim('-');
        foreach (var prefix in new[] { "frontend-", "front-", "fe-", "ft-", "listen-", "lst-", "backend-", "back-", "be-", "bk-" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                name = name[prefix.Length..];
                break;
            }
        }

        foreach (var suffix in new[] { "-frontend", "-fe", "-ft", "-listen", "-tcp" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                name = name[..^suffix.Length];
            }
        }

        var dash = name.LastIndexOf('-');
        if (dash > 0 && name[(dash + 1)..].All(char.IsAsciiDigit))
        {
            name = name[..dash];
        }

        return name;
    }

    private static bool SameAddress(string a, string b) => AddressKey(a) == AddressKey(b);

    /// <summary>One key per address however it is written: the canonical dotted quad, or the text in lower case when it is not IPv4.</summary>
    private static string AddressKey(string address) => Ipv4.TryParse(address, out var parsed) ? Ipv4.Format(parsed) : address.ToLowerInvariant();

    private static List<TValue> Bucket<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var bucket))
        {
            bucket = [];
            index.Add(key, bucket);
        }

        return bucket;
    }

    private void Warn(ConfigSite site, string message, List<ImportFinding>? todos = null)
    {
        var finding = ImportFinding.Warning(site, message);
        findings.Add(finding);
        todos?.Add(finding);
    }

    /// <summary>Gives each secondary address the lowest alias number its interface does not use yet, in file order.</summary>
    private List<AliasStanza> NumberSecondaries(IReadOnlyList<AliasStanza> aliases)
    {
        var used = aliases.Where(a => !a.Secondary).GroupBy(a => (a.ProxyHost, a.Interface)).ToDictionary(g => g.Key, g => g.Select(a => a.Alias).ToHashSet());
        var numbered = new List<AliasStanza>(aliases.Count);
        foreach (var alias in aliases)
        {
            if (!alias.Secondary)
            {
                numbered.Add(alias);
                continue;
            }

            var taken = used.TryGetValue((alias.ProxyHost, alias.Interface), out var set) ? set : used[(alias.ProxyHost, alias.Interface)] = [];
            var number = 1;
            while (!taken.Add(number))
            {
                number++;
            }

            var finding = ImportFinding.Warning(alias.Site, alias.Address + " is a secondary address of " + alias.Interface + ", not an alias stanza: imported as the VIP on "
                + alias.Interface + ":" + number.ToString(CultureInfo.InvariantCulture) + ", which the emitter writes as a stanza of its own; remove the live one when deploying");
            findings.Add(finding);
            numbered.Add(alias with { Alias = number, Todos = [.. alias.Todos, finding] });
        }

        return numbered;
    }

    private void PlacePools(IReadOnlyList<AliasStanza> aliases)
    {
        // Aliases with a netmask define the networks; those without one join a network that holds them.
        foreach (var alias in aliases.Where(a => a.Prefix is not null && Ipv4.TryParse(a.Address, out _)))
        {
            Ipv4.TryParse(alias.Address, out var address);
            var network = NetworkOf(address, alias.Prefix!.Value);
            AddVip(alias, address, PoolFor(alias, network));
        }

        foreach (var alias in aliases.Where(a => a.Prefix is null && Ipv4.TryParse(a.Address, out _)))
        {
            Ipv4.TryParse(alias.Address, out var address);
            var todos = new List<ImportFinding>();
            var pool = Bucket(poolsByInterface, (alias.ProxyHost, alias.Interface)).FirstOrDefault(p => p.Network.Contains(address));
            if (pool is null)
            {
                var prefix = ClassfulPrefix(address);
                pool = PoolFor(alias, NetworkOf(address, prefix));
                Warn(alias.Site, alias.Name + " has no netmask, so ifupdown gives it the classful /" + prefix + "; imported into " + pool.Network
                    + ": check the pool's network", todos);
            }
            else
            {
                Warn(alias.Site, alias.Name + " has no netmask, so ifupdown gives it the classful /" + ClassfulPrefix(address)
                    + "; imported into " + pool.Network + " with the other aliases: the emitter writes that netmask", todos);
            }

            AddVip(alias, address, pool, todos);
        }

        foreach (var alias in aliases.Where(a => !Ipv4.TryParse(a.Address, out _)))
        {
            // Kept as written: the analyzer reports a malformed address (LEF0013). It needs a pool on its interface to sit in.
            var pool = Bucket(poolsByInterface, (alias.ProxyHost, alias.Interface)).FirstOrDefault();
            if (pool is null)
            {
                Warn(alias.Site, "address `" + alias.Address + "` of " + alias.Name + " is not an IPv4 address and no other alias on "
                    + alias.Interface + " gives it a pool: not imported");
                continue;
            }

            AddVip(alias, null, pool);
        }

        foreach (var pool in pools)
        {
            var addresses = pool.Vips.Where(v => v.Address is not null).Select(v => v.Address!.Value).ToList();
            var (low, high) = Usable(pool.Network);

            // The tightest range holding every imported VIP: a backend that merely shares the subnet is not the proxy's (LEF0010).
            pool.First = addresses.Count == 0 ? low : Math.Clamp(addresses.Min(), low, high);
            pool.Last = addresses.Count == 0 ? high : Math.Clamp(addresses.Max(), low, high);
        }
    }

    private static Ipv4Network NetworkOf(uint address, int prefix)
    {
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        Ipv4Network.TryParse(Ipv4.Format(address & mask) + "/" + prefix.ToString(CultureInfo.InvariantCulture), out var network, out _);
        return network;
    }

    /// <summary>The addresses a VIP may take: all but the network and broadcast addresses (a /31 or /32 has none to spare).</summary>
    private static (uint Low, uint High) Usable(Ipv4Network network) =>
        network.Prefix >= 31 ? (network.Address, network.Broadcast) : (network.Address + 1, network.Broadcast - 1);

    private PoolDraft PoolFor(AliasStanza alias, Ipv4Network network)
    {
        var key = (alias.ProxyHost, alias.Interface, network.Address, network.Prefix);
        if (!poolsByNetwork.TryGetValue(key, out var pool))
        {
            pool = new PoolDraft(alias.ProxyHost, alias.Interface, network);
            pools.Add(pool);
            poolsByNetwork.Add(key, pool);
            Bucket(poolsByInterface, (alias.ProxyHost, alias.Interface)).Add(pool);
        }

        return pool;
    }

    private void AddVip(AliasStanza alias, uint? address, PoolDraft pool, List<ImportFinding>? todos = null)
    {
        var vip = new VipDraft(alias, address, pool);
        vip.Todos.AddRange(alias.Todos);
        if (todos is not null)
        {
            vip.Todos.AddRange(todos);
        }

        pool.Vips.Add(vip);
        vips.Add(vip);
        Bucket(vipsByAddress, AddressKey(alias.Address)).Add(vip);
    }

    private void ApplyAddressMap(IReadOnlyList<AddressMapPool> addressMap)
    {
        foreach (var pool in pools)
        {
            var entry = addressMap.FirstOrDefault(e => e.Owner == pool.Host && e.Interface == pool.Interface && e.Network == pool.Network.ToString());
            if (entry is null || !Ipv4.TryParse(entry.First, out var first) || !Ipv4.TryParse(entry.Last, out var last))
            {
                continue;
            }

            pool.First = first;
            pool.Last = last;
            pool.RangeGiven = true;
            pool.MapField = entry.DeclaredBy.StartsWith("Pools.", StringComparison.Ordinal) ? entry.DeclaredBy["Pools.".Length..] : null;
        }
    }

    private string? ApplyRange(PoolRange range)
    {
        foreach (var (given, isFirst) in range.First.Select(f => (f, true)).Concat(range.Last.Select(l => (l, false))))
        {
            if (!Ipv4.TryParse(given, out var address))
            {
                return (isFirst ? "--pool-first" : "--pool-last") + " `" + given + "` is not an IPv4 address";
            }

            var targets = pools.Where(p => p.Network.Contains(address)).ToList();
            if (targets.Count == 0)
            {
                return (isFirst ? "--pool-first " : "--pool-last ") + given + " is in none of the imported pools ("
                    + string.Join(", ", pools.Select(p => p.Network.ToString())) + ")";
            }

            foreach (var pool in targets)
            {
                pool.RangeGiven = true;
                if (isFirst)
                {
                    pool.First = address;
                }
                else
                {
                    pool.Last = address;
                }
            }
        }

        return null;
    }

    private void MapListen(HaproxyListen listen, IReadOnlyList<ZoneRecord> records)
    {
        var listenTodos = new List<ImportFinding>(listen.Todos);
        var mapped = new List<EndpointDraft>();
        foreach (var bind in listen.Binds)
        {
            var candidates = vipsByAddress.GetValueOrDefault(AddressKey(bind.Address), []).Where(v => v.Alias.ProxyHost == listen.ProxyHost).ToList();
            if (candidates.Count == 0)
            {
                Warn(bind.Site, listen.Description + " binds " + bind.Address + ":" + bind.Port + ", but no alias on " + listen.ProxyHost
                    + " in --interfaces has that address: not imported", listenTodos);
                continue;
            }

            var vip = candidates[0];
            if (candidates.Count > 1)
            {
                findings.Add(ImportFinding.Note(bind.Site, bind.Address + " is bound by " + string.Join(", ", candidates.Select(c => c.Alias.Name))
                    + "; the endpoint uses " + vip.Alias.Name));
            }

            var todos = new List<ImportFinding>();
            var name = NameFor(listen, bind, vip, records, todos);
            var backendPort = listen.Server.Port ?? bind.Port;
            var engine = listen.RoleCheck is not null
                ? (bind.Port == Ports.SqlServer || backendPort == Ports.SqlServer ? Engine.SqlServer : Engine.PostgreSql)
                : listen.Check switch
            {
                HealthCheck.PostgreSql => Engine.PostgreSql,
                HealthCheck.TdsPrelogin => Engine.SqlServer,
                _ when bind.Port == Ports.SqlServer || backendPort == Ports.SqlServer => Engine.SqlServer,
                _ => Engine.Tcp,
            };
            if (listen.Check == HealthCheck.Other && engine == Engine.SqlServer)
            {
                findings.Add(ImportFinding.Note(bind.Site, listen.Description + " has no SQL Server check; Engine.SqlServer from port 1433, so the emitter adds the TDS PRELOGIN check"));
            }

            var endpoint = new EndpointDraft(listen, bind, vip, name, engine, backendPort, mapped.Count == 0 ? listen.EndpointField : null, todos)
            {
                Cluster = listen.RoleCheck is null ? null : ClusterFor(listen, bind, engine),
            };
            mapped.Add(endpoint);
            endpoints.Add(endpoint);
            Bucket(endpointsByVip, vip).Add(endpoint);
            Bucket(endpointsByName, name).Add(endpoint);
        }

        foreach (var endpoint in mapped)
        {
            endpoint.Todos.InsertRange(0, listenTodos);
        }
    }

    /// <summary>
    /// The cluster a role-checked route's servers make: routes with the same servers in the same order (Patroni's primary
    /// and replicas listens) share one, so the endpoints differ only in their role.
    /// </summary>
    private ClusterDraft ClusterFor(HaproxyListen listen, HaproxyBind bind, Engine engine)
    {
        var nodes = listen.Servers.Select(s => new ClusterNode(s.Host, s.Port ?? bind.Port, s.CheckPort ?? 0)).ToList();
        var key = engine + "|" + string.Join(",", nodes.Select(n => n.Host.ToLowerInvariant() + ":" + n.Port + ":" + n.CheckPort));
        if (!clustersByNodes.TryGetValue(key, out var cluster))
        {
            cluster = new ClusterDraft(engine, nodes, listen.SectionName);
            clustersByNodes.Add(key, cluster);
        }

        cluster.KeepsSessions |= listen.Servers.Any(s => !s.ShutdownSessions);
        cluster.Sections.Add(listen.SectionName);
        return cluster;
    }

    private string NameFor(HaproxyListen listen, HaproxyBind bind, VipDraft vip, IReadOnlyList<ZoneRecord> records, List<ImportFinding> todos)
    {
        var candidates = recordsByAddress[AddressKey(vip.Alias.Address)].ToList();
        var section = CleanSectionName(listen.SectionName);
        string name;
        if (candidates.Count == 0)
        {
            name = InventedName(listen, vip, records);
            Warn(bind.Site, "no A record in the zone points at " + bind.Address + ": the endpoint is named `" + name + "` after " + listen.Description
                + ", and the emitter will publish " + name + ".db.lef", todos);
            return name;
        }

        var distinct = candidates.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            name = distinct[0];
        }
        else
        {
            var match = distinct.FirstOrDefault(n => n.Replace('_', '-') == section)
                ?? distinct.Where(n => section.Contains(n.Replace('_', '-'), StringComparison.Ordinal)).OrderByDescending(n => n.Length).FirstOrDefault();
            name = match ?? distinct[0];
            if (match is null)
            {
                Warn(bind.Site, "several names point at " + bind.Address + " (" + string.Join(", ", distinct) + ") and none matches " + listen.Description
                    + ": the endpoint is named `" + name + "`", todos);
            }
        }

        usedRecords.UnionWith(candidates.Where(r => r.Name == name));
        return name;
    }

    /// <summary>
    /// A name for an endpoint whose VIP has no A record, from its section: a DNS label, and never one the zone or another
    /// VIP already has, so the import does not invent a conflict (LEF0005) the live estate does not have.
    /// </summary>
    private string InventedName(HaproxyListen listen, VipDraft vip, IReadOnlyList<ZoneRecord> records)
    {
        var label = new string(CleanSectionName(listen.SectionName).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var full = new string(listen.SectionName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var octet = vip.Address is { } address ? (address & 0xFF).ToString(CultureInfo.InvariantCulture) : vip.Alias.Alias.ToString(CultureInfo.InvariantCulture);
        foreach (var candidate in new[] { label, full, (label.Length > 0 ? label : "endpoint") + "-" + octet })
        {
            var taken = recordsByName[candidate].Any(r => !SameAddress(r.Address, vip.Alias.Address))
                || endpointsByName.GetValueOrDefault(candidate, []).Any(e => !SameAddress(e.Vip.Alias.Address, vip.Alias.Address));
            if (candidate.Length is > 0 and <= 63 && !taken)
            {
                return candidate;
            }
        }

        return "endpoint-" + octet + "-" + listen.Binds[0].Port.ToString(CultureInfo.InvariantCulture);
    }

    private void ReportUnusedRecords(IReadOnlyList<ZoneRecord> records)
    {
        foreach (var record in records.Where(r => !usedRecords.Contains(r)))
        {
            var vip = vipsByAddress.GetValueOrDefault(AddressKey(record.Address), []).FirstOrDefault();
            var why = vip is null
                ? "no alias in --interfaces has this address"
                : endpointsByVip.ContainsKey(vip) ? "the listens on " + vip.Alias.Name + " use another name" : "no listen uses " + vip.Alias.Name;
            var where = record.View is null ? string.Empty : " (view " + record.View + ")";
            Warn(record.Site, record.Name + ".db.lef -> " + record.Address + where + ": " + why + "; the name is not imported", vip?.Todos);
        }
    }

    private void NameFields(IReadOnlyList<ZoneRecord> records)
    {
        var poolNames = new FieldNames("Pools", "Pool", caseInsensitive: true);
        var poolsNamedByMap = pools.Where(p => poolNames.TryTake(p.MapField)).ToHashSet();
        foreach (var pool in poolsNamedByMap)
        {
            pool.Field = pool.MapField!;
        }

        foreach (var group in pools.Where(p => !poolsNamedByMap.Contains(p)).GroupBy(p => p.Host))
        {
            var labels = group.Key.Split('.');
            var hostName = FieldNames.Pascal(string.Join(" ", labels.Length > 1 ? labels[..^1] : labels));
            foreach (var pool in group)
            {
                var withInterface = hostName + FieldNames.Pascal(pool.Interface);
                pool.Field = group.Count() == 1
                    ? poolNames.Take(hostName, withInterface)
                    : poolNames.Take(withInterface, withInterface + FieldNames.Pascal(pool.Network.ToString()));
            }
        }

        var vipNames = new FieldNames("Vips", "Vip");
        var vipsNamedByComment = vips.Where(v => vipNames.TryTake(v.Alias.VipField)).ToHashSet();
        foreach (var vip in vips.Where(v => !vipsNamedByComment.Contains(v)))
        {
            // Named after what it serves: its endpoints' names, else the names the zone gives its address, else its alias.
            var names = endpointsByVip.GetValueOrDefault(vip, []).Select(e => e.Name).ToList();
            if (names.Count == 0)
            {
                names = recordsByAddress[AddressKey(vip.Alias.Address)].Select(r => r.Name).ToList();
            }

            names = names.Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
            var aliasName = FieldNames.Pascal(vip.Alias.Interface) + "Alias" + vip.Alias.Alias.ToString(CultureInfo.InvariantCulture);
            var byName = names.Count > 0 ? FieldNames.Pascal(names[0]) : null;
            vip.Field = byName is null ? vipNames.Take(aliasName) : vipNames.Take(byName, byName + "Alias" + vip.Alias.Alias.ToString(CultureInfo.InvariantCulture), aliasName);
        }

        foreach (var vip in vipsNamedByComment)
        {
            vip.Field = vip.Alias.VipField!;
        }

        var viewNames = new FieldNames("DnsViews", "View");
        var viewsNamedByHeader = viewSources.Where(v => viewNames.TryTake(v.Field)).ToHashSet();
        foreach (var view in viewSources)
        {
            viewFields[view.Name] = viewsNamedByHeader.Contains(view) ? view.Field! : viewNames.Take(FieldNames.Pascal(view.Name));
        }

        var clusterNames = new FieldNames("Clusters", "Cluster");
        var clusterLabels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clustersByNodes.Values)
        {
            cluster.Name = ClusterName(cluster, clusterLabels);
            cluster.Field = clusterNames.Take(FieldNames.Pascal(cluster.Name));
        }

        var endpointNames = new FieldNames("Endpoints", "Endpoint");
        var endpointsNamedByComment = endpoints.Where(e => endpointNames.TryTake(e.CommentField)).ToHashSet();
        foreach (var endpoint in endpointsNamedByComment)
        {
            endpoint.Field = endpoint.CommentField!;
        }

        // One name on several ports reads best told apart by engine (AlphaSqlServer, AlphaPostgreSql), else by port, else numbered.
        foreach (var group in endpoints.Where(e => !endpointsNamedByComment.Contains(e)).GroupBy(e => FieldNames.Pascal(e.Name)))
        {
            var list = group.ToList();
            var byEngine = list.Select(e => e.Engine).Distinct().Count() == list.Count;
            var byPort = list.Select(e => e.Bind.Port).Distinct().Count() == list.Count;
            foreach (var endpoint in list)
            {
                var port = endpoint.Bind.Port.ToString(CultureInfo.InvariantCulture);
                endpoint.Field = list.Count == 1 ? endpointNames.Take(group.Key, group.Key + endpoint.Engine)
                    : byEngine ? endpointNames.Take(group.Key + endpoint.Engine, group.Key + endpoint.Engine + port)
                    : byPort ? endpointNames.Take(group.Key + port)
                    : endpointNames.Take(group.Key);
            }
        }
    }

    /// <summary>
    /// A cluster's name from its routes' sections, without the words that name a role (<c>pg-primary</c> and
    /// <c>pg-replicas</c> are the cluster <c>pg</c>): a DNS label, unique among the clusters.
    /// </summary>
    private static string ClusterName(ClusterDraft cluster, HashSet<string> taken)
    {
        string[] roleWords = ["primary", "master", "leader", "replica", "replicas", "standby", "read", "write", "only", "rw", "ro", "readonly", "readwrite", "reads", "writes"];
        var labels = cluster.Sections.Select(section => string.Join("-", CleanSectionName(section).Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !roleWords.Contains(w, StringComparer.Ordinal))
            .Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)))
            .Where(l => l.Length > 0)
            .ToList();
        var label = labels.FirstOrDefault() ?? cluster.Engine.ToString().ToLowerInvariant();
        label = label.Length > 50 ? label[..50].TrimEnd('-') : label;
        var name = label;
        for (var n = 2; !taken.Add(name); n++)
        {
            name = label + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>
    /// The views whose zone gives the endpoint's name its VIP, as fields; null (the DSL's default: every internal view) when
    /// that is exactly the internal views, or when the zone is not split into views.
    /// </summary>
    private List<string>? ViewsOf(EndpointDraft endpoint, IReadOnlyList<ZoneRecord> records)
    {
        if (viewSources.Count == 0)
        {
            return null;
        }

        var published = recordsByName[endpoint.Name].Where(r => r.View is not null && SameAddress(r.Address, endpoint.Vip.Alias.Address))
            .Select(r => r.View!).ToHashSet(StringComparer.Ordinal);
        var internalViews = viewSources.Where(v => v.Kind == ViewKind.Internal).Select(v => v.Name);
        return published.Count == 0 || published.SetEquals(internalViews)
            ? null
            : viewSources.Where(v => published.Contains(v.Name)).Select(v => viewFields[v.Name]).ToList();
    }

    private ImportedEstate Build(IReadOnlyList<string> sourceFiles, IReadOnlyList<ZoneRecord> records)
    {
        var attached = new HashSet<ImportFinding>();
        var built = new List<ImportedPool>();
        foreach (var pool in pools.OrderBy(p => p.Host, StringComparer.Ordinal).ThenBy(p => p.Interface, StringComparer.Ordinal).ThenBy(p => p.Network.Address))
        {
            var poolVips = pool.Vips.OrderBy(v => v.Alias.Alias).ThenBy(v => v.Address ?? uint.MaxValue).ThenBy(v => v.Alias.Site.Line).ToList();
            var vipOrder = poolVips.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            var poolEndpoints = poolVips.SelectMany(v => endpointsByVip.GetValueOrDefault(v, []))
                .OrderBy(e => vipOrder[e.Vip]).ThenBy(e => e.Bind.Port).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Field, StringComparer.Ordinal)
                .ToList();
            attached.UnionWith(poolVips.SelectMany(v => v.Todos));
            attached.UnionWith(poolEndpoints.SelectMany(e => e.Todos));
            built.Add(new ImportedPool(
                pool.Field,
                pool.Host,
                pairs.FirstOrDefault(p => p.Name == pool.Host)?.Field,
                pool.Interface,
                pool.Network.ToString(),
                Ipv4.Format(pool.First),
                Ipv4.Format(pool.Last),
                pool.RangeGiven,
                poolVips.Select(v => new ImportedVip(v.Field, v.Alias.Address, v.Alias.Alias, v.Alias.Comments, Distinct(v.Todos))).ToList(),
                poolEndpoints.Select(e => new ImportedEndpoint(
                    e.Field, e.Name, e.Vip.Field, e.Bind.Port, e.Engine, e.Listen.Server.Host, e.BackendPort, ViewsOf(e, records), e.Listen.Comments, Distinct(e.Todos))
                {
                    ClusterField = e.Cluster?.Field,
                    Role = e.Listen.RoleCheck?.Role ?? ClusterRole.Primary,
                    MaxLagBytes = e.Listen.RoleCheck?.MaxLagBytes,
                }).ToList()));
        }

        var views = viewSources.Select(v => new ImportedView(viewFields[v.Name], v.Name, v.MatchClients, v.Kind, v.Todos)).ToList();
        attached.UnionWith(views.SelectMany(v => v.Todos));

        var ordered = findings
            .Distinct()
            .OrderBy(f => f.Site.File, StringComparer.Ordinal)
            .ThenBy(f => f.Site.Line)
            .ThenBy(f => f.Kind)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
        attached.UnionWith(pairs.SelectMany(p => p.Todos));
        var unattached = ordered.Where(f => f.Kind == FindingKind.Warning && !attached.Contains(f)).ToList();
        var clusters = clustersByNodes.Values.OrderBy(c => c.Field, StringComparer.Ordinal)
            .Select(c => new ImportedCluster(c.Field, c.Name, c.Engine, c.Nodes, c.KeepsSessions ? OnMarkedDown.KeepSessions : OnMarkedDown.ShutdownSessions))
            .ToList();
        return new ImportedEstate(built, views, pairs, clusters, ordered, unattached, sourceFiles);
    }

    private static List<ImportFinding> Distinct(IEnumerable<ImportFinding> todos) =>
        todos.Distinct().OrderBy(f => f.Site.File, StringComparer.Ordinal).ThenBy(f => f.Site.Line).ToList();

    private sealed class PoolDraft(string host, string parentInterface, Ipv4Network network)
    {
        public string Host { get; } = host;

        public string Interface { get; } = parentInterface;

        public Ipv4Network Network { get; } = network;

        public List<VipDraft> Vips { get; } = [];

        public uint First { get; set; }

        public uint Last { get; set; }

        public bool RangeGiven { get; set; }

        public string? MapField { get; set; }

        public string Field { get; set; } = string.Empty;
    }

    private sealed class VipDraft(AliasStanza alias, uint? address, PoolDraft pool)
    {
        public AliasStanza Alias { get; } = alias;

        public uint? Address { get; } = address;

        public PoolDraft Pool { get; } = pool;

        public List<ImportFinding> Todos { get; } = [];

        public string Field { get; set; } = string.Empty;
    }

    private sealed class EndpointDraft(HaproxyListen listen, HaproxyBind bind, VipDraft vip, string name, Engine engine, int backendPort, string? commentField, List<ImportFinding> todos)
    {
        public HaproxyListen Listen { get; } = listen;

        public HaproxyBind Bind { get; } = bind;

        public VipDraft Vip { get; } = vip;

        public string Name { get; } = name;

        public Engine Engine { get; } = engine;

        public int BackendPort { get; } = backendPort;

        public string? CommentField { get; } = commentField;

        public List<ImportFinding> Todos { get; } = todos;

        public string Field { get; set; } = string.Empty;

        /// <summary>The cluster a role-checked route goes to; null for one backend.</summary>
        public ClusterDraft? Cluster { get; init; }
    }

    private sealed class ClusterDraft(Engine engine, List<ClusterNode> nodes, string firstSection)
    {
        public Engine Engine { get; } = engine;

        public List<ClusterNode> Nodes { get; } = nodes;

        /// <summary>The sections that route to it, first one first: what its name comes from.</summary>
        public List<string> Sections { get; } = [firstSection];

        public bool KeepsSessions { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Field { get; set; } = string.Empty;
    }
}
