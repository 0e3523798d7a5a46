using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0008: a value a reader cannot evaluate. Topology values are literals, consts or references to topology fields;
/// anything else (a method call, a variable, string interpolation) is reported here, never skipped. The readers raise most
/// of it; the cases left for the model are an enum cast from a number no member has, and a reference to a field declared
/// further down its own class, which C# has not initialized yet where it is named.
/// </summary>
public static class UnevaluableValueRule
{
    public const string Id = RuleIds.UnevaluableValue;
    public const string Title = "Value cannot be evaluated";

    /// <summary>Engine's members, found once: <see cref="Enum.IsDefined(Type, object)"/> per endpoint cost more than most rules.</summary>
    private static readonly HashSet<Engine> Members = new((Engine[])Enum.GetValues(typeof(Engine)));

    private static readonly HashSet<ViewKind> Kinds = new((ViewKind[])Enum.GetValues(typeof(ViewKind)));

    private static readonly string EngineNames = string.Join(", ", Enum.GetNames(typeof(Engine)).Select(n => "Engine." + n));

    private static bool IsMember(Engine engine) => Members.Contains(engine);

    /// <summary>An enum argument that is none of its members (a cast): for the few declarations of clusters, where Enum.IsDefined costs nothing.</summary>
    private static void Member<T>(Declaration owner, T? value, string argument, string consequence, List<Violation> sink)
        where T : struct, Enum
    {
        if (value is { } member && !Enum.IsDefined(typeof(T), member))
        {
            sink.Add(new Violation(Id, owner.Key, owner.SiteOf(argument),
                argument + " of " + owner.Field + " is " + Convert.ToInt32(member, System.Globalization.CultureInfo.InvariantCulture) + ", which is none of "
                + string.Join(", ", Enum.GetNames(typeof(T)).Select(n => typeof(T).Name + "." + n)) + "; " + consequence,
                []));
        }
    }

    /// <summary>
    /// A reference to a field of the owner's own class that C# may not have initialized yet where it is named: declared
    /// further down the same file (initializers run in the order written), or in another part of a partial class (the
    /// parts' order is unspecified). The reader reads declarations, not a run, and would deploy the reference anyway.
    /// </summary>
    private static void Later(Declaration owner, Declaration? target, string argument, List<Violation> sink)
    {
        if (target is null || !SameClass(target.Key, owner.Key))
        {
            return;
        }

        if (target.Site.Path != owner.Site.Path)
        {
            sink.Add(new Violation(Id, owner.Key, owner.SiteOf(argument),
                argument + " of " + owner.Field + " names " + target.Field + ", declared in another part of the same partial class (" + target.Site.Path + "): C# runs the parts'"
                + " initializers in an unspecified order, so " + target.Field + " could still be null here when the class is used; declare it in a class of its own", []));
        }
        else if (target.Site.Start > owner.Site.Start)
        {
            sink.Add(new Violation(Id, owner.Key, owner.SiteOf(argument),
                argument + " of " + owner.Field + " names " + target.Field + ", declared after it in the same class: C# initializes a class's fields in the order"
                + " written, so " + target.Field + " would still be null here when the class is used; declare it first", []));
        }
    }

    /// <summary>Whether two keys (<c>Topology.Vips.Erp</c>) name fields of one class; without a substring per reference.</summary>
    private static bool SameClass(string a, string b)
    {
        var dot = a.LastIndexOf('.');
        return dot == b.LastIndexOf('.') && string.CompareOrdinal(a, 0, b, 0, dot) == 0;
    }

    public static void Check(TopologyModel model, List<Violation> sink)
    {
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.Engine is { } engine && !IsMember(engine))
            {
                sink.Add(new Violation(
                    Id,
                    endpoint.Key,
                    endpoint.SiteOf(nameof(Endpoint.Engine)),
                    "Engine of " + endpoint.Field + " is " + (int)engine + ", which is none of " + EngineNames + "; the health check cannot be chosen",
                    []));
            }
        }

        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.ClusterKey is not null)
            {
                Member(endpoint, endpoint.Role, nameof(Endpoint.Role), "which nodes it routes to", sink);
            }

            Later(endpoint, model.VipOf(endpoint), nameof(Endpoint.Vip), sink);
            Later(endpoint, model.ClusterOf(endpoint), nameof(Endpoint.Cluster), sink);
            for (var i = 0; i < endpoint.ViewKeys?.Count; i++)
            {
                Later(endpoint, model.ViewOf(endpoint.ViewKeys[i]), nameof(Endpoint.Views) + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", sink);
            }
        }

        foreach (var vip in model.Vips)
        {
            Later(vip, model.PoolOf(vip), nameof(Vip.Pool), sink);
        }

        foreach (var pool in model.Pools)
        {
            Later(pool, model.PairOf(pool), nameof(VipPool.Pair), sink);
        }

        foreach (var cluster in model.Clusters)
        {
            Member(cluster, cluster.Engine, nameof(Cluster.Engine), "the health check cannot be chosen", sink);
            Member(cluster, cluster.Check, nameof(Cluster.Check), "how roles are checked cannot be chosen", sink);
            Member(cluster, cluster.OnMarkedDown, nameof(Cluster.OnMarkedDown), "what happens to sessions cannot be chosen", sink);
        }

        foreach (var pair in model.Pairs)
        {
            Member(pair, pair.FailBack, nameof(ProxyPair.FailBack), "whether the VIPs go back to the higher priority node cannot be chosen", sink);
        }

        foreach (var view in model.Views)
        {
            if (view.Kind is { } kind && !Kinds.Contains(kind))
            {
                sink.Add(new Violation(
                    Id,
                    view.Key,
                    view.SiteOf(nameof(DnsView.Kind)),
                    "Kind of " + view.Field + " is " + (int)kind + ", which is none of ViewKind.Internal, ViewKind.External; what the view may publish cannot be chosen",
                    []));
            }
        }
    }
}
