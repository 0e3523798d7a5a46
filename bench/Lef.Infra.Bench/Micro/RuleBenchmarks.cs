using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;

namespace Lef.Infra.Bench.Micro;

/// <summary>
/// Every shared rule on its own, and all of them together, on estates a decade apart: a linear rule costs about 10x more
/// at the larger size, a pairwise one 100x. Rules are found by reflection, so a new rule is measured without editing this.
/// Public and unsealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private static readonly Dictionary<string, Action<TopologyModel, List<Violation>>> Checks = Discover();

    private TopologyModel model = null!;
    private Action<TopologyModel, List<Violation>> check = null!;

    [Params(1_000, 10_000)]
    public int Endpoints { get; set; }

    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = string.Empty;

    public static IEnumerable<string> Rules => Checks.Keys.Order(StringComparer.Ordinal);

    [GlobalSetup]
    public void Setup()
    {
        model = EstateModel.Load(Endpoints);
        check = Checks[Rule];
    }

    [Benchmark]
    public int Check()
    {
        var sink = new List<Violation>();
        check(model, sink);
        return sink.Count;
    }

    private static Dictionary<string, Action<TopologyModel, List<Violation>>> Discover()
    {
        var checks = new Dictionary<string, Action<TopologyModel, List<Violation>>>(StringComparer.Ordinal)
        {
            ["(all rules)"] = (m, sink) => sink.AddRange(TopologyRules.Check(m)),
        };
        // The rules' own namespace, not TopologyRules' (Checking, which holds no rule).
        var rules = typeof(PortClashRule).Namespace;
        foreach (var type in typeof(TopologyRules).Assembly.GetTypes().Where(t => t.Namespace == rules && t.Name.EndsWith("Rule", StringComparison.Ordinal)))
        {
            // Rules that offer fixes take the run's Allocations too; each benchmark call gets fresh ones, as TopologyRules.Check does.
            if (type.GetMethod("Check", BindingFlags.Public | BindingFlags.Static, [typeof(TopologyModel), typeof(List<Violation>)]) is { } plain)
            {
                checks[type.Name] = plain.CreateDelegate<Action<TopologyModel, List<Violation>>>();
            }
            else if (type.GetMethod("Check", BindingFlags.Public | BindingFlags.Static, [typeof(TopologyModel), typeof(Allocations), typeof(List<Violation>)]) is { } withFixes)
            {
                var check = withFixes.CreateDelegate<Action<TopologyModel, Allocations, List<Violation>>>();
                checks[type.Name] = (m, sink) => check(m, new Allocations(m), sink);
            }
        }

        if (checks.Count < 2)
        {
            throw new InvalidOperationException("no rule's Check found in " + rules + ": only the whole set would be measured");
        }

        return checks;
    }
}
