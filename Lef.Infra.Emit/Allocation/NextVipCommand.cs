using System;
using System.CommandLine;
using System.IO;
using Lef.Infra.Emit.Loading;

namespace Lef.Infra.Emit.Allocation;

/// <summary><c>next-vip</c>, the runbook's step 1 ("pick the next free VIP from the pool"): the addresses "Use next free VIP" would write.</summary>
internal static class NextVipCommand
{
    public static Command Create(Option<string?> topologyOption, Option<string?> outOption, Func<string?, LoadedTopology?> load, Func<string?, string> deployDirectory, TextWriter output, TextWriter errors)
    {
        var poolOption = new Option<string?>("--pool") { Description = "The pool, as Pools.ProxyCore or ProxyCore (default: the only pool)." };
        var countOption = new Option<int>("--count") { Description = "How many addresses, for that many new VIPs.", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "next-vip",
            "Print the next free VIP addresses of a pool, one a line: not declared, not deployed (deploy/docs/core-lan-address-map.json), usable in First..Last. "
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
                : FreeValues.Print(() => chosen.Allocations.NextFreeAddress(chosen.Pool), count, "address", chosen.Pool, output, errors);
        });
        return command;
    }
}
