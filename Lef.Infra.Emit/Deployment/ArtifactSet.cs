using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Deployment;

/// <summary>Every file a deploy holds, by path relative to deploy/ ('/'-separated), rendered in memory before anything is written.</summary>
internal sealed class ArtifactSet
{
    public const string DnsFolder = "dns";
    public const string DocsFolder = "docs";

    private ArtifactSet(SortedDictionary<string, string> files) => Files = files;

    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>
    /// Renders every artifact of a valid model. Pure: the same model, previous files and date always give the same bytes.
    /// </summary>
    /// <param name="model">A model no rule rejects.</param>
    /// <param name="previous">The files the last deploy wrote (by the same relative paths): zone serials are kept or bumped from them.</param>
    /// <param name="today">The date new zone serials start from (YYYYMMDD00).</param>
    public static ArtifactSet Render(TopologyModel model, IReadOnlyDictionary<string, string> previous, DateOnly today)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in model.Pools.Select(p => p.Host!).Distinct().Order(StringComparer.Ordinal))
        {
            files.Add(host + "/haproxy/haproxy.cfg", HaproxyConfigWriter.Write(model, host));
            foreach (var parentInterface in model.Pools.Where(p => p.Host == host).Select(p => p.Interface!).Distinct().Order(StringComparer.Ordinal))
            {
                files.Add(host + "/network/interfaces.d/" + InterfacesWriter.FileName(parentInterface), InterfacesWriter.Write(model, host, parentInterface));
            }
        }

        var floor = HighestZoneSerial(previous);
        if (model.Views.Count == 0)
        {
            files.Add(DnsFolder + "/" + DnsLayout.ZoneFragment, NamedConfWriter.WriteZone());
            AddZone(files, null, ZoneWriter.ARecords(model, null), previous, today, floor);
        }
        else
        {
            // Each view's records once: the fragment counts them, the zone lists them.
            var records = model.ViewsInMatchOrder.ToDictionary(v => v, v => ZoneWriter.ARecords(model, v));
            files.Add(DnsFolder + "/" + DnsLayout.ViewsFragment, NamedConfWriter.WriteViews(model, v => records[v].Length));
            foreach (var view in model.ViewsInMatchOrder)
            {
                AddZone(files, view, records[view], previous, today, floor);
            }
        }

        files.Add(DocsFolder + "/" + FactsTableWriter.FileName, FactsTableWriter.Write(model));
        files.Add(DocsFolder + "/" + AddressMapWriter.FileName, AddressMapWriter.Write(model));
        return new ArtifactSet(files);
    }

    private static void AddZone(
        SortedDictionary<string, string> files, ViewDeclaration? view, (string Name, string Address)[] records, IReadOnlyDictionary<string, string> previous, DateOnly today, uint? floor)
    {
        var path = DnsFolder + "/" + DnsLayout.ZoneFile(view?.Name);

        // Choosing the serial may render the zone with the previous one; when that serial is kept, so is that rendering.
        (uint Serial, string Text)? rendered = null;
        var serial = ZoneSerial.Choose(
            previous.GetValueOrDefault(path),
            s =>
            {
                var text = ZoneWriter.Write(records, s, view);
                rendered = (s, text);
                return text;
            },
            today,
            floor);
        files.Add(path, rendered is { } kept && kept.Serial == serial ? kept.Text : ZoneWriter.Write(records, serial, view));
    }

    private static uint? HighestZoneSerial(IReadOnlyDictionary<string, string> previous) =>
        previous.Where(f => f.Key.StartsWith(DnsFolder + "/", StringComparison.Ordinal) && f.Key.EndsWith(".zone", StringComparison.Ordinal))
            .Select(f => ZoneSerial.Read(f.Value))
            .Max();
}
