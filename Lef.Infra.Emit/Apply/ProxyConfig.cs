using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Lef.Infra.Dsl;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// One <c>listen</c> of an emitted haproxy.cfg: its bind, its servers (one backend, or a cluster's nodes), the engine its
/// check speaks (<see cref="Engine.Tcp"/> for a role check, whose probe through the VIP is a connect), its text.
/// </summary>
internal sealed record ProxyListen(string Name, IPEndPoint Bind, IReadOnlyList<string> Servers, Engine Engine, string Text);

/// <summary>Reads back what the emitter wrote (haproxy.cfg listens, ifupdown alias stanzas), to tell what an apply changes.</summary>
internal static class ProxyConfig
{
    public static SortedDictionary<string, ProxyListen> Listens(string? config)
    {
        var listens = new SortedDictionary<string, ProxyListen>(StringComparer.Ordinal);
        foreach (var (head, body) in Sections(config, l => !char.IsWhiteSpace(l[0])))
        {
            if (!head.StartsWith("listen ", StringComparison.Ordinal))
            {
                continue;
            }

            var bind = body.FirstOrDefault(l => l.StartsWith("bind ", StringComparison.Ordinal))?[5..].Trim();
            var servers = body.Where(l => l.StartsWith("server ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
            if (bind is null || servers.Count == 0 || !IPEndPoint.TryParse(bind, out var endpoint))
            {
                continue;
            }

            var engine = body.Contains("option pgsql-check user " + HaproxyConfigWriter.PostgreSqlCheckUser) ? Engine.PostgreSql
                : body.Any(l => l.Contains(HaproxyConfigWriter.TdsPrelogin, StringComparison.Ordinal)) ? Engine.SqlServer
                : Engine.Tcp;
            var name = head[7..].Trim();
            listens[name] = new ProxyListen(name, endpoint, servers, engine, head + "\n" + string.Join('\n', body));
        }

        return listens;
    }

    /// <summary>Alias (<c>ens18:3</c>) → its stanza, from an interfaces file.</summary>
    public static SortedDictionary<string, string> Aliases(string? interfaces)
    {
        var aliases = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (head, body) in Sections(interfaces, l => l.StartsWith("iface ", StringComparison.Ordinal)))
        {
            var name = head.Split(' ')[1];
            aliases[name] = head + "\n" + string.Join('\n', body.Where(l => !l.StartsWith("auto ", StringComparison.Ordinal)));
        }

        return aliases;
    }

    /// <summary>Sections of a file, each a head line and its trimmed body; comments and blank lines are left out.</summary>
    private static IEnumerable<(string Head, List<string> Body)> Sections(string? text, Func<string, bool> isHead)
    {
        string? head = null;
        var body = new List<string>();
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            if (raw.Trim().Length == 0 || raw.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (isHead(raw) || !char.IsWhiteSpace(raw[0]))
            {
                if (head is not null)
                {
                    yield return (head, body);
                }

                (head, body) = isHead(raw) ? (raw.Trim(), new List<string>()) : (null, new List<string>());
                continue;
            }

            body.Add(raw.Trim());
        }

        if (head is not null)
        {
            yield return (head, body);
        }
    }
}

/// <summary>
/// What the new worker takes from the saved server state: every listen's but <see cref="DropListens"/> (they start from
/// their first check, UP until it in HAProxy 2.6) and <see cref="StartDown"/> (in none of its listen's lines: written as
/// stopped, so they take traffic only once their checks pass).
/// </summary>
internal sealed record ServerStates(IReadOnlyList<string> DropListens, IReadOnlyList<(string Listen, string Server, int Port)> StartDown);

/// <summary>What an apply changes on a proxy host: listens and aliases added, removed or changed.</summary>
internal sealed record ProxyChange(
    IReadOnlyList<ProxyListen> AddedListens,
    IReadOnlyList<ProxyListen> ChangedListens,
    IReadOnlyList<ProxyListen> RemovedListens,
    IReadOnlyList<string> AddedAliases,
    IReadOnlyList<string> RemovedAliases,
    IReadOnlyDictionary<string, ProxyListen> Before)
{
    public static ProxyChange Between(string? liveConfig, string? newConfig, IEnumerable<string?> liveInterfaces, IEnumerable<string?> newInterfaces)
    {
        var before = ProxyConfig.Listens(liveConfig);
        var after = ProxyConfig.Listens(newConfig);
        var oldAliases = liveInterfaces.SelectMany(f => ProxyConfig.Aliases(f)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var newAliases = newInterfaces.SelectMany(f => ProxyConfig.Aliases(f)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

        // An alias whose stanza changed goes down with its old address and comes up with the new one.
        return new ProxyChange(
            after.Values.Where(l => !before.ContainsKey(l.Name)).ToList(),
            after.Values.Where(l => before.TryGetValue(l.Name, out var old) && old.Text != l.Text).ToList(),
            before.Values.Where(l => !after.ContainsKey(l.Name)).ToList(),
            newAliases.Where(a => !oldAliases.TryGetValue(a.Key, out var old) || old != a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
            oldAliases.Where(a => !newAliases.TryGetValue(a.Key, out var now) || now != a.Value).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
            before);
    }

    /// <summary>Listens whose server is new or different: they start from a health check, not from the saved state.</summary>
    public IEnumerable<ProxyListen> Fresh => AddedListens.Concat(ChangedListens);

    /// <summary>
    /// How the new worker starts the servers of <see cref="Fresh"/> listens. A role-checked listen's (a cluster's: a node
    /// must show its role before it takes traffic) server keeps its saved state when its line and its listen's checks did
    /// not change, and starts down otherwise: HAProxy 2.6 would start it UP until its first check, and a write endpoint's
    /// <c>balance first</c> would hand connections to a replica listed first. Any other fresh listen starts from its check.
    /// </summary>
    public ServerStates States()
    {
        var dropListens = new List<string>();
        var startDown = new List<(string Listen, string Server, int Port)>();
        foreach (var listen in Fresh)
        {
            var lines = listen.Text.Split('\n');
            if (!lines.Any(l => l.StartsWith("default-server ", StringComparison.Ordinal)))
            {
                dropListens.Add(listen.Name);
                continue;
            }

            var old = Before.GetValueOrDefault(listen.Name)?.Text.Split('\n') ?? [];
            var sameChecks = old.Where(l => !IsServer(l)).SequenceEqual(lines.Where(l => !IsServer(l)));
            foreach (var line in lines.Where(IsServer))
            {
                if (!sameChecks || !old.Contains(line))
                {
                    var words = line.Split(' ');
                    startDown.Add((listen.Name, words[1], int.Parse(words[2][(words[2].LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        return new ServerStates(dropListens, startDown);
    }

    private static bool IsServer(string line) => line.StartsWith("server ", StringComparison.Ordinal);
}
