using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0016: a DNS view BIND would refuse or never use: two views with one name, no clients, or clients that a view tried
/// before it already matches (BIND answers from the first view that matches). A malformed name is LEF0006.
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

            var covering = earlier.Where(e => networks.Any(n => e.Networks.Any(c => Covers(c, n)))).Select(e => e.View).ToList();
            if (networks.All(n => earlier.Any(e => e.Networks.Any(c => Covers(c, n)))))
            {
                sink.Add(new Violation(
                    Id, view.Key, view.SiteOf(nameof(DnsView.MatchClients)),
                    "view " + view.Field + " is never used: every client it matches is answered first by "
                    + string.Join(", ", covering.Select(v => v.Describe()))
                    + " (BIND uses the first view that matches; views are tried most specific first); narrow or merge the views",
                    covering.Select(v => v.SiteOf(nameof(DnsView.MatchClients))).ToList()));
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

    private static bool Covers(Ipv4Network outer, Ipv4Network inner) => outer.Prefix <= inner.Prefix && outer.Contains(inner.Address);
}
