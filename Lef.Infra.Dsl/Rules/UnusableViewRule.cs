using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0016: a DNS view BIND would refuse or never use: two views with one name, no clients, or clients that the views tried
/// before it already match (BIND answers from the first view that matches), the whole view or one of its entries. A
/// malformed name is LEF0006.
/// </summary>
public static class UnusableViewRule
{
    public const string Id = RuleIds.UnusableView;
    public const string Title = "Unusable DNS view";

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        CheckNames(model, sink);
        var earlier = new List<(ViewDeclaration View, List<Ipv4Network> Networks)>();
        foreach (var view in model.ViewsInMatchOrder)
        {
            if (view.MatchClients is { Count: 0 })
            {
                sink.Add(new Violation(
                    Id, view.Key, view.SiteOf(nameof(DnsView.MatchClients)),
                    "view " + view.Field + " matches no client; list the networks it answers (CIDR), or \"" + ClientMatch.Any + "\"", []));
                continue;
            }

            if (Networks(view) is not { } networks)
            {
                continue;
            }

            // An entry is dead when the views tried before it match all its clients, one of them or several together.
            var answered = earlier.SelectMany(e => e.Networks).ToList();
            var dead = Enumerable.Range(0, networks.Count).Where(i => IsCovered(networks[i], answered)).ToList();
            List<ViewDeclaration> Covering(IEnumerable<int> entries) =>
                earlier.Where(e => entries.Any(i => e.Networks.Any(c => c.Overlaps(networks[i])))).Select(e => e.View).ToList();
            if (dead.Count == networks.Count)
            {
                var covering = Covering(dead);
                sink.Add(new Violation(
                    Id, view.Key, view.SiteOf(nameof(DnsView.MatchClients)),
                    "view " + view.Field + " is never used: every client it matches is answered first by "
                    + string.Join(", ", covering.Select(v => v.Describe()))
                    + " (BIND uses the first view that matches; views are tried most specific first); narrow or merge the views",
                    covering.Select(v => v.SiteOf(nameof(DnsView.MatchClients))).ToList()));
            }
            else
            {
                foreach (var i in dead)
                {
                    var covering = Covering([i]);
                    var entry = nameof(DnsView.MatchClients) + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                    sink.Add(new Violation(
                        Id, view.Key, view.SiteOf(entry),
                        "match-clients entry \"" + networks[i] + "\" of " + view.Field + " is never matched: its clients are answered first by "
                        + string.Join(", ", covering.Select(v => v.Describe()))
                        + ", so they do not get " + view.Field + "'s records (BIND uses the first view that matches; views are tried most specific first); drop the entry, or narrow those views",
                        covering.Select(v => v.SiteOf(nameof(DnsView.MatchClients))).ToList()));
                }
            }

            earlier.Add((view, networks));
        }
    }

    private static void CheckNames(TopologyModel model, List<Violation> sink)
    {
        foreach (var group in model.Views.Where(v => v.Name is not null).GroupBy(v => v.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var views = group.ToList();
            foreach (var view in views)
            {
                sink.Add(new Violation(
                    Id, view.Key, view.SiteOf(nameof(DnsView.Name)),
                    "view name \"" + Names.Printable(view.Name ?? string.Empty) + "\" of " + view.Field + " is also used by " + TopologyRules.DescribeOthers(views, view)
                    + "; BIND needs one name per view (case is ignored here: the name is also a folder)",
                    TopologyRules.OtherSites(views, view, nameof(DnsView.Name))));
            }
        }
    }

    /// <summary>Every entry as a network; null when one cannot be read (that is LEF0013's or LEF0008's to report).</summary>
    private static List<Ipv4Network>? Networks(ViewDeclaration view)
    {
        if (view.MatchClients is not { } entries)
        {
            return null;
        }

        var networks = new List<Ipv4Network>();
        foreach (var entry in entries)
        {
            if (!ClientMatch.TryParse(entry, out var network, out _))
            {
                return null;
            }

            networks.Add(network);
        }

        return networks;
    }

    /// <summary>
    /// Whether <paramref name="networks"/> together hold every address of <paramref name="entry"/>. Two CIDR networks are
    /// nested or apart, so walking the overlapping ones by address, each must start where the covered part ends.
    /// </summary>
    private static bool IsCovered(Ipv4Network entry, IEnumerable<Ipv4Network> networks)
    {
        var next = (ulong)entry.Address;
        foreach (var network in networks.Where(n => n.Overlaps(entry)).OrderBy(n => n.Address))
        {
            if (network.Address > next)
            {
                return false;
            }

            next = Math.Max(next, (ulong)network.Broadcast + 1);
            if (next > entry.Broadcast)
            {
                return true;
            }
        }

        return false;
    }
}
