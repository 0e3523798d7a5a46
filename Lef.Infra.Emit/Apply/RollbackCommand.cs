using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary><c>rollback</c>: one host back to the generation before its live one, through the same stage, check and commit.</summary>
internal static class RollbackCommand
{
    public static async Task<int> RunAsync(HostContext context, ApplySettings settings)
    {
        if (context.Host is null)
        {
            context.Errors.WriteLine("error: rollback needs --host (one host at a time)");
            return Cli.Usage;
        }

        var targets = context.Targets();
        using var session = await HostSession.OpenAsync(context.Transport, context.Host, HostContext.ConnectTimeout);
        await HostLock.AcquireAsync(session, settings.LockWait, HostLock.Owner(DateTimeOffset.UtcNow));
        var (current, kept) = await Generation.ListAsync(session);
        var records = await Generation.PredecessorsAsync(session);
        var previous = current is { } number ? Generation.Before(number, records, kept) : kept.Select(n => (int?)n).LastOrDefault();
        if (previous is null)
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, context.Host + ": rollback: no generation before " + (current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the live files")
                + (current is not null && records.ContainsKey(current.Value) ? " (it holds the files found at the first apply)" : " is kept in " + HostLayout.GenerationsDirectory));
        }

        if (!kept.Contains(previous.Value))
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, context.Host + ": rollback: generation " + previous + ", the one live before " + current + ", is no longer kept in " + HostLayout.GenerationsDirectory);
        }

        // The files deploy/ gives the host, and every interfaces file the host or the generation rolled back to has: a pool
        // that moved interface comes back with its old file, and the new one goes.
        IEnumerable<string> paths = targets[context.Host].Keys;
        if (!Deployables.IsDns(context.Host))
        {
            paths = (await LiveFiles.WithRetiredAsync(session, targets[context.Host])).Keys
                .Union(await LiveFiles.InterfacesFilesAsync(session, Generation.Folder(previous.Value) + "/files"), StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        var live = await LiveFiles.ReadAsync(session, paths);
        var back = await Generation.ReadAsync(session, previous.Value, paths);
        context.Output.WriteLine(context.Host + ": rolling back from generation " + current + " to " + previous);
        var rollback = settings with { Commit = "to generation " + previous + " (" + settings.Commit + ")" };
        if (Deployables.IsDns(context.Host))
        {
            var staged = await DnsApply.PrepareAsync(session, live, back, rollback, context.Output, "rolled back");
            await Generation.SetPredecessorAsync(session, staged.Next, Generation.Before(previous.Value, records, kept));
            await ApplyCommand.AfterSwapAsync(context.Host, () => DnsApply.CommitAsync(staged, rollback, context.Output, "rolled back"));
        }
        else
        {
            var staged = await ProxyApply.PrepareAsync(session, live, back, rollback, context.Output, "rolled back");
            await Generation.SetPredecessorAsync(session, staged.Next, Generation.Before(previous.Value, records, kept));
            await ApplyCommand.AfterSwapAsync(context.Host, () => ProxyApply.CommitAsync(staged, rollback, context.Output, "rolled back"));
        }

        return ApplyExit.Applied;
    }
}
