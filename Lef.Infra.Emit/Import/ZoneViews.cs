using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl;

namespace Lef.Infra.Emit.Import;

/// <summary>A DNS view the import declares, with what the human must still settle about it.</summary>
internal sealed record ImportedViewSource(string Name, string? Field, ViewKind Kind, IReadOnlyList<string> MatchClients, IReadOnlyList<ImportFinding> Todos);

/// <summary>
/// Decides the DNS views of an import. One zone file that names no view means no views: the emitter then writes one zone
/// for every client, as the live server does. Otherwise each zone file is one view, named by <c>VIEW=FILE</c> or by the
/// emitter's header in it; its clients and kind come from that header, else from <c>--named-conf</c>, else a TODO.
/// </summary>
internal static class ZoneViews
{
    private const string ClientAny = "any";

    public static (IReadOnlyList<ImportedViewSource> Views, IReadOnlyList<ZoneRecord> Records, string? Error) Decide(
        IReadOnlyList<(string? View, ZoneFile Zone)> zones, IReadOnlyList<NamedConfView> namedConf)
    {
        if (zones is [{ View: null, Zone.Header: null } single])
        {
            return ([], single.Zone.Records, null);
        }

        var views = new List<ImportedViewSource>();
        var records = new List<ZoneRecord>();
        foreach (var (given, zone) in zones)
        {
            var name = given ?? zone.Header?.Name;
            if (name is null)
            {
                return ([], [], "zone file " + zone.File + " names no view; with several zone files, give each one's view as VIEW=FILE");
            }

            if (views.Any(v => v.Name == name))
            {
                return ([], [], "two zone files for view " + name);
            }

            views.Add(View(name, zone, namedConf, zones.Count));
            records.AddRange(zone.Records.Select(r => r with { View = name }));
        }

        return (views, records, null);
    }

    private static ImportedViewSource View(string name, ZoneFile zone, IReadOnlyList<NamedConfView> namedConf, int viewCount)
    {
        if (zone.Header is { } header && header.Name == name)
        {
            return new ImportedViewSource(name, header.Field, header.Kind, header.MatchClients, []);
        }

        var site = new ConfigSite(zone.File, 1);
        var todos = new List<ImportFinding>();
        var clients = namedConf.FirstOrDefault(v => v.Name == name)?.MatchClients;
        if (clients is null)
        {
            todos.Add(ImportFinding.Warning(site, "the clients of view " + name + " are not known (pass named.conf with --named-conf): MatchClients is a placeholder"));
        }

        // The usual split horizon: the Core LAN's view(s), and one for everyone else.
        var kind = viewCount > 1 && clients is ["any"] ? ViewKind.External : ViewKind.Internal;
        todos.Add(ImportFinding.Warning(site, "view " + name + " is taken as ViewKind." + kind + "; external views publish only the endpoints that list them"));
        return new ImportedViewSource(name, null, kind, clients ?? [ClientAny], todos);
    }
}
