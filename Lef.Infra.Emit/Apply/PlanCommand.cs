using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Lef.Infra.Emit.Deployment;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>plan</c>: each host's live files read over the transport, the diff and why, and their hashes for <c>apply --plan</c>.</summary>
internal static class PlanCommand
{
    public static async Task<int> RunAsync(HostContext context, string? save)
    {
        var targets = context.Targets();
        var hashes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var changedHosts = 0;
        foreach (var host in Deployables.InApplyOrder(targets.Keys))
        {
            using var session = await HostSession.OpenAsync(context.Transport, host, HostContext.ConnectTimeout);
            var target = Deployables.IsDns(host) ? targets[host] : await LiveFiles.WithRetiredAsync(session, targets[host]);
            var live = await LiveFiles.ReadAsync(session, target.Keys);
            hashes[host] = (LiveFiles.Hash(live), LiveFiles.Hash(target));
            var changed = 0;
            foreach (var (path, content) in target)
            {
                var patch = UnifiedDiff.Write(live[path], content, "live" + path, "deployed" + path);
                if (patch.Length > 0)
                {
                    context.Output.WriteLine("# " + host + ":" + path);
                    context.Output.Write(patch);
                    changed++;
                }
            }

            if (!Deployables.IsDns(host) && changed > 0)
            {
                context.Output.WriteLine(host + ": " + Why(ProxyApply.Change(live, target)));
            }

            context.Output.WriteLine(changed == 0 ? host + ": nothing to do (" + target.Count + " files)" : host + ": apply would change " + changed + " of " + target.Count + " files");
            changedHosts += changed > 0 ? 1 : 0;
        }

        if (save is not null)
        {
            new PlanFile(hashes).Save(save);
            context.Output.WriteLine("plan saved to " + save + ": apply --plan " + save + " refuses any host that changed since");
        }

        return changedHosts == 0 ? Cli.Ok : Cli.Drift;
    }

    private static string Why(ProxyChange change)
    {
        var parts = new List<string>();
        void Say(string what, IEnumerable<string> names)
        {
            var list = names.ToList();
            if (list.Count > 0)
            {
                parts.Add(what + " " + string.Join(' ', list));
            }
        }

        Say("adds listen", change.AddedListens.Select(l => l.Name + "@" + l.Bind));
        Say("changes listen", change.ChangedListens.Select(l => l.Name));
        Say("removes listen", change.RemovedListens.Select(l => l.Name));
        Say("brings up", change.AddedAliases);
        Say("takes down", change.RemovedAliases);
        return parts.Count == 0 ? "no listen or alias changes" : string.Join("; ", parts);
    }
}
