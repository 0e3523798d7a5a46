using System;
using System.CommandLine;
using System.IO;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Emit.Allocation;

/// <summary><c>next-alias</c>: the alias numbers "Use next free alias" would write on a pool's host interface.</summary>
internal static class NextAliasCommand
{
    public static Command Create(Option<string?> topologyOption, Option<string?> outOption, Func<string?, LoadedTopology?> load, Func<string?, string> deployDirectory, TextWriter output, TextWriter errors)
    {
        var poolOption = new Option<string?>("--pool") { Description = "The pool whose host interface carries the alias, as Pools.ProxyCore or ProxyCore (default: the only pool)." };
        var countOption = new Option<int>("--count") { Description = "How many alias numbers.", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "next-alias",
            "Print the next free alias numbers (ens18:<n>) on a pool's host interface, one a line: not declared by any pool on that host interface, not deployed, within IFNAMSIZ. "
            + "Exit codes: 0 printed; 2 the topology breaks a rule; 3 it could not be read; 4 bad arguments; " + FreeValues.ExitCodes)
        {
            poolOption, countOption, outOption, topologyOption,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(countOption);
            var topology = load(parse.GetValue(topologyOption));
            return FreeValues.Prepare(topology, parse.GetValue(poolOption), count, deployDirectory(parse.GetValue(outOption)), errors, out var chosen) is { } failed
                ? failed
                : FreeValues.Print(() => chosen.Allocations.NextFreeAlias(chosen.Pool), count, "alias", chosen.Pool, output, errors);
        });
        return command;
    }
}
