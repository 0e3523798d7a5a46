using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Emit.Loading;

/// <summary>
/// Reads the topology from the compiled assembly: every static readonly field of a static class whose type is a DSL record,
/// exactly what the analyzer reads from source. References between records are resolved by instance identity.
/// </summary>
internal sealed class AssemblyTopologyReader
{
    private readonly SourceSites sites;
    private readonly List<Violation> violations = [];
    private readonly Dictionary<object, string> keysByInstance = new(ReferenceEqualityComparer.Instance);

    /// <summary>Backends held by fields: the analyzer cannot read those in place, so neither reader accepts them (LEF0008).</summary>
    private readonly HashSet<object> backendFields = new(ReferenceEqualityComparer.Instance);

    private AssemblyTopologyReader(SourceSites sites) => this.sites = sites;

    public static (TopologyModel Model, IReadOnlyList<Violation> Violations) Read(Assembly assembly, SourceSites sites)
    {
        var reader = new AssemblyTopologyReader(sites);
        var fields = reader.Discover(assembly);
        var pools = new List<PoolDeclaration>();
        var vips = new List<VipDeclaration>();
        var endpoints = new List<EndpointDeclaration>();
        var views = new List<ViewDeclaration>();
        foreach (var (key, field, value) in fields)
        {
            var at = sites.For(key);
            var fieldName = FieldNameOf(field);
            switch (value)
            {
                case VipPool pool:
                    pools.Add(new PoolDeclaration
                    {
                        Key = key, Field = fieldName, Site = at.Site, ArgumentSites = at.Arguments,
                        Host = reader.Required(key, fieldName, at, nameof(VipPool.Host), pool.Host),
                        Interface = reader.Required(key, fieldName, at, nameof(VipPool.Interface), pool.Interface),
                        Network = reader.Required(key, fieldName, at, nameof(VipPool.Network), pool.Network),
                        First = reader.Required(key, fieldName, at, nameof(VipPool.First), pool.First),
                        Last = reader.Required(key, fieldName, at, nameof(VipPool.Last), pool.Last),
                    });
                    break;
                case Vip vip:
                    vips.Add(new VipDeclaration
                    {
                        Key = key, Field = fieldName, Site = at.Site, ArgumentSites = at.Arguments,
                        PoolKey = reader.Reference(key, fieldName, at, nameof(Vip.Pool), vip.Pool),
                        Address = reader.Required(key, fieldName, at, nameof(Vip.Address), vip.Address),
                        Alias = vip.Alias,
                    });
                    break;
                case Endpoint endpoint:
                    endpoints.Add(new EndpointDeclaration
                    {
                        Key = key, Field = fieldName, Site = at.Site, ArgumentSites = at.Arguments,
                        Name = reader.Required(key, fieldName, at, nameof(Endpoint.Name), endpoint.Name),
                        VipKey = reader.Reference(key, fieldName, at, nameof(Endpoint.Vip), endpoint.Vip),
                        Port = endpoint.Port,
                        Engine = endpoint.Engine,
                        BackendHost = endpoint.Backend is null ? null : reader.Required(key, fieldName, at, "Backend.Host", endpoint.Backend.Host),
                        BackendPort = endpoint.Backend?.Port,
                        ViewKeys = endpoint.Views?.Select((view, i) => reader.Reference(key, fieldName, at, ElementName(nameof(Endpoint.Views), i), view)).ToList(),
                    });
                    if (reader.Required(key, fieldName, at, nameof(Endpoint.Backend), endpoint.Backend) is { } backend && reader.backendFields.Contains(backend))
                    {
                        reader.Report(key, at.Arguments.GetValueOrDefault(nameof(Endpoint.Backend), at.Site),
                            "Backend of " + fieldName + " must be written in place as new Backend(Host: ..., Port: ...), so its host and port can be checked");
                    }
                    break;
                case DnsView view:
                    views.Add(new ViewDeclaration
                    {
                        Key = key, Field = fieldName, Site = at.Site, ArgumentSites = at.Arguments,
                        Name = reader.Required(key, fieldName, at, nameof(DnsView.Name), view.Name),
                        MatchClients = reader.Required(key, fieldName, at, nameof(DnsView.MatchClients), view.MatchClients)?
                            .Select((client, i) => reader.Required(key, fieldName, at, ElementName(nameof(DnsView.MatchClients), i), client)).ToList(),
                        Kind = view.Kind,
                    });
                    break;
            }
        }

        return (new TopologyModel(pools, vips, endpoints, views), reader.violations);
    }

    /// <summary>The field's full name, <c>Topology.Vips.Erp</c>: the analyzer's key for the same field (an auto-property's by its property name).</summary>
    public static string KeyOf(FieldInfo field) => field.DeclaringType!.FullName!.Replace('+', '.') + "." + MemberName(field);

    private static string MemberName(FieldInfo field) =>
        field.Name is ['<', .. var rest] && rest.IndexOf(">k__BackingField", StringComparison.Ordinal) is > 0 and var end ? rest[..end] : field.Name;

    private static string FieldNameOf(FieldInfo field)
    {
        var names = new List<string> { MemberName(field) };
        for (var type = field.DeclaringType; type is not null; type = type.DeclaringType)
        {
            names.Insert(0, type.Name);
        }

        return string.Join(".", names);
    }

    private static bool IsTopologyRecord(Type type) =>
        type == typeof(VipPool) || type == typeof(Vip) || type == typeof(Endpoint) || type == typeof(DnsView);

    /// <summary><c>Views[1]</c>: the analyzer's name for a list element's site.</summary>
    private static string ElementName(string list, int index) => list + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    private List<(string Key, FieldInfo Field, object Value)> Discover(Assembly assembly)
    {
        var found = new List<(string, FieldInfo, object)>();
        const BindingFlags everyField = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in LoadableTypes(assembly).Where(t => !t.ContainsGenericParameters))
        {
            foreach (var field in type.GetFields(everyField).Where(f => f.IsStatic && f.FieldType == typeof(Backend)))
            {
                if (ValueOrNull(field) is { } backend)
                {
                    backendFields.Add(backend);
                }
            }

            foreach (var field in type.GetFields(everyField).Where(f => IsTopologyRecord(f.FieldType)).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var key = KeyOf(field);
                if (WhyUndiscoverable(field) is { } why)
                {
                    violations.Add(new Violation(RuleIds.UndiscoverableRecord, key, sites.For(key).Site,
                        FieldNameOf(field) + " is " + why + ", so the emitter will not see it; " + UndiscoverableRecordRule.Requirement, []));
                    continue;
                }

                object? value;
                try
                {
                    value = field.GetValue(null);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    Report(key, sites.For(key).Site, FieldNameOf(field) + " could not be initialized: " + e.InnerException.GetBaseException().Message);
                    continue;
                }

                if (value is null)
                {
                    Report(key, sites.For(key).Site, FieldNameOf(field) + " is null; a topology field must be initialized with new " + field.FieldType.Name + "(...)");
                    continue;
                }

                if (keysByInstance.TryGetValue(value, out var other))
                {
                    Report(key, sites.For(key).Site, FieldNameOf(field) + " is the same object as " + other + "; declare each record once and reference it");
                    continue;
                }

                keysByInstance.Add(value, key);
                found.Add((key, field, value));
            }
        }

        return found.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    private static object? ValueOrNull(FieldInfo field)
    {
        try
        {
            return field.GetValue(null);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    /// <summary>Why neither reader would find this field; null when it is a proper topology field.</summary>
    private static string? WhyUndiscoverable(FieldInfo field) =>
        field.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) ? "an auto-property"
        : !field.IsStatic ? "an instance field"
        : !field.IsInitOnly ? "not readonly"
        : field.DeclaringType is not { IsAbstract: true, IsSealed: true } ? "in a class that is not static"
        : null;

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private string? Reference(string key, string fieldName, FieldSites at, string argument, object? target)
    {
        if (target is null)
        {
            Report(key, at.Arguments.GetValueOrDefault(argument, at.Site), argument + " of " + fieldName + " is null");
            return null;
        }

        if (keysByInstance.TryGetValue(target, out var targetKey))
        {
            return targetKey;
        }

        violations.Add(new Violation(RuleIds.UndiscoverableRecord, key, at.Arguments.GetValueOrDefault(argument, at.Site),
            argument + " of " + fieldName + " is a " + target.GetType().Name + " the emitter cannot find; " + UndiscoverableRecordRule.Requirement + " and reference that field", []));
        return null;
    }

    /// <summary>The value, or a LEF0008 when it is null (the analyzer reports a null literal the same way).</summary>
    private T? Required<T>(string key, string fieldName, FieldSites at, string argument, T? value)
        where T : class
    {
        if (value is null)
        {
            Report(key, at.Arguments.GetValueOrDefault(argument, at.Site), argument + " of " + fieldName + " must be a literal, a const or a topology field, not null");
        }

        return value;
    }

    private void Report(string key, SourceSite site, string message) =>
        violations.Add(new Violation(RuleIds.UnevaluableValue, key, site, message, []));
}
