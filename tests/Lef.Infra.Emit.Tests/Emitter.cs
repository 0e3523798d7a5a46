using System;
using System.IO;
using Lef.Infra.Testing;

namespace Lef.Infra.Emit.Tests;

/// <summary>Runs the real command line in-process, as `dotnet run --project Lef.Infra.Emit -- ...` would, on a fixed date.</summary>
internal static class Emitter
{
    /// <summary>The date every run here takes as today, so new zone serials (and so snapshots) do not change with the calendar.</summary>
    public static readonly DateOnly Today = new(2025, 1, 15);

    public static string TestTopologySources => Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.TestTopology");

    /// <summary>The pair test topology: two proxies sharing the Core VIPs through keepalived, and a single host beside them.</summary>
    public static string PairTopologySources => Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.PairTopology");

    /// <summary>The cluster test topology: endpoints routed by role to a Patroni cluster, an availability group and a cluster of equals.</summary>
    public static string ClusterTopologySources => Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.ClusterTopology");

    public static ToolResult Run(params string[] args) => RunOn(Today, args);

    public static ToolResult RunOn(DateOnly today, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr, new FixedClock(today));
        return new ToolResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Emits the fixed test topology into <paramref name="outDirectory"/>.</summary>
    public static ToolResult EmitTestTopology(string outDirectory) =>
        Run("emit", "--topology", TestTopologySources, "--out", outDirectory);

    public static ToolResult EmitPairTopology(string outDirectory) =>
        Run("emit", "--topology", PairTopologySources, "--out", outDirectory);

    public static ToolResult EmitClusterTopology(string outDirectory) =>
        Run("emit", "--topology", ClusterTopologySources, "--out", outDirectory);

    /// <summary>Emits the shipped Topology (the one the tool is built with) into <paramref name="outDirectory"/>.</summary>
    public static ToolResult EmitShippedTopology(string outDirectory) =>
        Run("emit", "--topology", RepoPaths.Topology, "--out", outDirectory);
}
