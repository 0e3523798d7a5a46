using System;
using System.CommandLine;
using System.IO;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Emit.Allocation;

/// <summary>
/// <c>next-vip</c> (the runbook's step 1, "pick the next free VIP from the pool") and <c>next-alias</c>: the values "Use next
/// free VIP" and "Use next free alias" would write.
/// </summary>
internal static class NextValueCommands
{
    public static Command NextVip(Option<string?> topologyOption, Option<string?> outOption, Func<string?, LoadedTopology?> load, Func<string?, string> deployDirectory, TextWriter output, TextWriter errors) =>
        Create(
            "next-vip",
            "Print the next free VIP addresses of a pool, one a line: not declared, not deployed (deploy/docs/core-lan-address-map.json), usable in First..Last.",
            "The pool, as Pools.ProxyCore or ProxyCore (default: the only pool).",
            "How many addresses, for that many new VIPs.",
            "address",
            (allocations, pool) => allocations.NextFreeAddress(pool),
            topologyOption, outOption, load, deployDirectory, output, errors);

    public static Command NextAlias(Option<string?> topologyOption, Option<string?> outOption, Func<string?, LoadedTopology?> load, Func<string?, string> deployDirectory, TextWriter output, TextWriter errors) =>
        Create(
            "next-alias",
            "Print the next free alias numbers (ens18:<n>) on a pool's host interface, one a line: not declared by any pool on that host interface, not deployed, within IFNAMSIZ.",
            "The pool whose host interface carries the alias, as Pools.ProxyCore or ProxyCore (default: the only pool).",
            "How many alias numbers.",
            "alias",
            (allocations, pool) => allocations.NextFreeAlias(pool),
            topologyOption, outOption, load, deployDirectory, output, errors);

    private static Command Create(
        string name,
        string description,
        string poolDescription,
        string countDescription,
        string unit,
        Func<Allocations, PoolDeclaration, string?> next,
        Option<string?> topologyOption,
        Option<string?> outOption,
        Func<string?, LoadedTopology?> load,
        Func<string?, string> deployDirectory,
        TextWriter output,
        TextWriter errors)
    {
        var poolOption = new Option<string?>("--pool") { Description = poolDescription };
        var countOption = new Option<int>("--count") { Description = countDescription, DefaultValueFactory = _ => 1 };
        var command = new Command(name, description)
        {
            poolOption, countOption, outOption, topologyOption,
        }.WithExitCodes(new(Cli.Ok, "printed"), Cli.TopologyBreaksARule, Cli.TopologyCannotBeRead, Cli.BadArguments, FreeValues.ExhaustedCode, Cli.UnexpectedFailure);
        command.SetAction(parse =>
        {
            var count = parse.GetValue(countOption);
            var topology = load(parse.GetValue(topologyOption));
            return FreeValues.Prepare(topology, parse.GetValue(poolOption), count, deployDirectory(parse.GetValue(outOption)), errors, out var chosen) is { } failed
                ? failed
                : FreeValues.Print(() => next(chosen.Allocations, chosen.Pool), count, unit, chosen.Pool, output, errors);
        });
        return command;
    }
}
