using System;
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
        var previous = kept.Where(n => current is null || n < current).DefaultIfEmpty(-1).Max();
        if (previous < 0)
        {
            throw new ApplyFailure(ApplyExit.CheckFailed, context.Host + ": rollback: no generation before " + (current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the live files") + " is kept in " + HostLayout.GenerationsDirectory);
        }

        var paths = targets[context.Host].Keys;
        var live = await LiveFiles.ReadAsync(session, paths);
        var back = await Generation.ReadAsync(session, previous, paths);
        context.Output.WriteLine(context.Host + ": rolling back from generation " + current + " to " + previous);
        var rollback = settings with { Commit = "to generation " + previous + " (" + settings.Commit + ")" };
        if (Deployables.IsDns(context.Host))
        {
            var staged = await DnsApply.PrepareAsync(session, live, back, rollback, context.Output, "rolled back");
            await ApplyCommand.AfterSwapAsync(context.Host, () => DnsApply.CommitAsync(staged, rollback, context.Output, "rolled back"));
        }
        else
        {
            var staged = await ProxyApply.PrepareAsync(session, live, back, rollback, context.Output, "rolled back");
            await ApplyCommand.AfterSwapAsync(context.Host, () => ProxyApply.CommitAsync(staged, rollback, context.Output, "rolled back"));
        }

        return ApplyExit.Applied;
    }
}
