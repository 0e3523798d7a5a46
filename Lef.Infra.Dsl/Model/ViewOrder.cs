using System;
using System.Collections.Generic;
using System.Linq;

namespace Lef.Infra.Dsl.Model;

/// <summary>
/// The order views are written in named.conf. BIND answers a client from the first view that matches it, so the most
/// specific view comes first (the one whose widest network is narrowest), then internal before external, then by name.
/// </summary>
public static class ViewOrder
{
    public static List<ViewDeclaration> Sort(IEnumerable<ViewDeclaration> views) =>
        views.OrderByDescending(WidestPrefix)
            .ThenBy(v => v.Kind == ViewKind.External ? 1 : 0)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ThenBy(v => v.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>The prefix length of the view's widest network (0 for <c>any</c>); -1 when no entry can be read.</summary>
    public static int WidestPrefix(ViewDeclaration view)
    {
        var widest = -1;
        foreach (var entry in view.MatchClients ?? [])
        {
            if (ClientMatch.TryParse(entry, out var network, out _) && (widest < 0 || network.Prefix < widest))
            {
                widest = network.Prefix;
            }
        }

        return widest;
    }
}
