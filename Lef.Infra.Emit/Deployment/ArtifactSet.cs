using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Deployment;

/// <summary>Every file a deploy holds, by path relative to deploy/ ('/'-separated), rendered in memory before anything is written.</summary>
internal sealed class ArtifactSet
{
    /// <summary>The folder of every proxy host's files: a host named <c>dns</c> or <c>docs</c> cannot land in the folders beside it.</summary>
    public const string HostsFolder = "hosts";
    public const string DnsFolder = "dns";
    public const string DocsFolder = "docs";
    public const string KeepalivedFolder = "keepalived";
    public const string SysctlFolder = "sysctl.d";

    private ArtifactSet(SortedDictionary<string, string> files) => Files = files;

    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>
    /// Renders every artifact of a valid model. Pure: the same model, previous files and date always give the same bytes.
    /// The artifacts are independent, so they are rendered on every core (<see cref="Concurrently"/>), each into its own
    /// slot: the result does not depend on which finished first.
    /// </summary>
    /// <param name="model">A model no rule rejects.</param>
    /// <param name="previous">The files the last deploy wrote (by the same relative paths): zone serials are kept or bumped from them, so its zone files (<see cref="DeployFolder.Zones"/>) are all it needs.</param>
    /// <param name="today">The date new zone serials start from (YYYYMMDD00).</param>
    /// <param name="servedSerial">A zone serial served before from elsewhere (a killed run's leftover): new serials start above it.</param>
    public static ArtifactSet Render(TopologyModel model, IReadOnlyDictionary<string, string> previous, DateOnly today, uint? servedSerial = null)
    {
        var artifacts = new List<(string Path, Func<string> Render)>
        {
            (DeployFolder.MarkerFile, () => DeployFolder.MarkerText),
        };
        foreach (var host in model.Pools.Where(p => p.PairKey is null).Select(p => Names.HostKey(p.Host!)).Distinct().Order(StringComparer.Ordinal))
        {
            artifacts.Add((HostsFolder + "/" + host + "/haproxy/haproxy.cfg", () => HaproxyConfigWriter.Write(model, host)));
            foreach (var parentInterface in model.Pools.Where(p => Names.SameHost(p.Host, host)).Select(p => p.Interface!).Distinct().Order(StringComparer.Ordinal))
            {
                artifacts.Add((HostsFolder + "/" + host + "/network/interfaces.d/" + InterfacesWriter.FileName(parentInterface), () => InterfacesWriter.Write(model, host, parentInterface)));
            }
        }

        foreach (var pair in model.Pairs.Where(pair => model.Pools.Any(p => ReferenceEquals(model.PairOf(p), pair))))
        {
            // One rendering of haproxy.cfg for both nodes: byte-identical by construction.
            var haproxy = new Lazy<string>(() => HaproxyConfigWriter.Write(model, pair), LazyThreadSafetyMode.ExecutionAndPublication);
            foreach (var (node, first) in new[] { (Names.HostKey(pair.FirstHost!), true), (Names.HostKey(pair.SecondHost!), false) })
            {
                artifacts.Add((HostsFolder + "/" + node + "/haproxy/haproxy.cfg", () => haproxy.Value));
                artifacts.Add((HostsFolder + "/" + node + "/" + KeepalivedFolder + "/keepalived.conf", () => KeepalivedConfigWriter.Write(model, pair, first)));
                artifacts.Add((HostsFolder + "/" + node + "/" + SysctlFolder + "/" + SysctlWriter.FileName, () => SysctlWriter.Write(pair)));
            }
        }

        var floor = new[] { HighestZoneSerial(previous), servedSerial }.Max();
        if (model.Views.Count == 0)
        {
            artifacts.Add((DnsFolder + "/" + DnsLayout.ZoneFragment, NamedConfWriter.WriteZone));
            artifacts.Add((ZonePath(null), () => Zone(null, ZoneWriter.ARecords(model, null), previous, today, floor)));
        }
        else
        {
            // Each view's records once: the fragment counts them, the zone lists them.
            var views = model.ViewsInMatchOrder.ToList();
            var records = new (string Name, string Address)[views.Count][];
            Concurrently.For(views.Count, CancellationToken.None, () => 0, (_, i) => records[i] = ZoneWriter.ARecords(model, views[i]));
            var counts = views.Select((view, i) => (view, records[i].Length)).ToDictionary(c => c.view, c => c.Length);
            artifacts.Add((DnsFolder + "/" + DnsLayout.ViewsFragment, () => NamedConfWriter.WriteViews(model, v => counts[v])));
            for (var i = 0; i < views.Count; i++)
            {
                var (view, viewRecords) = (views[i], records[i]);
                artifacts.Add((ZonePath(view), () => Zone(view, viewRecords, previous, today, floor)));
            }
        }

        artifacts.Add((DocsFolder + "/" + FactsTableWriter.FileName, () => FactsTableWriter.Write(model)));
        artifacts.Add((DocsFolder + "/" + AddressMapWriter.FileName, () => AddressMapWriter.Write(model)));

        var texts = new string[artifacts.Count];
        Concurrently.For(artifacts.Count, CancellationToken.None, () => 0, (_, i) => texts[i] = artifacts[i].Render());
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < artifacts.Count; i++)
        {
            files.Add(artifacts[i].Path, texts[i]);
        }

        return new ArtifactSet(files);
    }

    private static string ZonePath(ViewDeclaration? view) => DnsFolder + "/" + DnsLayout.ZoneFile(view?.Name);

    /// <summary>A zone with its serial: kept from the previous deploy when the records are the same, bumped otherwise.</summary>
    private static string Zone(ViewDeclaration? view, (string Name, string Address)[] records, IReadOnlyDictionary<string, string> previous, DateOnly today, uint? floor)
    {
        // Choosing the serial may render the zone with the previous one; when that serial is kept, so is that rendering.
        (uint Serial, string Text)? rendered = null;
        var serial = ZoneSerial.Choose(
            previous.GetValueOrDefault(ZonePath(view)),
            s =>
            {
                var text = ZoneWriter.Write(records, s, view);
                rendered = (s, text);
                return text;
            },
            today,
            floor);
        return rendered is { } kept && kept.Serial == serial ? kept.Text : ZoneWriter.Write(records, serial, view);
    }

    private static uint? HighestZoneSerial(IReadOnlyDictionary<string, string> previous) =>
        previous.Where(f => DeployDirectory.IsZone(f.Key))
            .Select(f => ZoneSerial.Read(f.Value))
            .Max();
}
