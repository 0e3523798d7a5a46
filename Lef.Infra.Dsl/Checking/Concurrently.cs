using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Dsl.Checking;

/// <summary>
/// Runs independent pieces of work on every core: the analyzer's file sketches and readings, the rules, the emitter's
/// artifacts. The compiler builds on every core too (<c>concurrentBuild</c>), so a build's analyzer waits less for the same
/// work; a single piece runs inline. Results go into slots by index, so the outcome never depends on the order the pieces
/// ran in. Compiled into the analyzer with the rest of the rules; the emitter sees it through InternalsVisibleTo.
/// </summary>
internal static class Concurrently
{
    /// <summary>
    /// <paramref name="body"/> for every index below <paramref name="count"/>, each worker with its own state from
    /// <paramref name="state"/> (not thread-safe caches). A failure or a cancellation is rethrown as itself, not wrapped.
    /// </summary>
    public static void For<TState>(int count, CancellationToken cancellationToken, Func<TState> state, Action<TState, int> body)
    {
        if (count <= 1)
        {
            var only = count > 0 ? state() : default!;
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body(only, i);
            }

            return;
        }

        try
        {
            Parallel.For(
                0,
                count,
                new ParallelOptions { CancellationToken = cancellationToken },
                state,
                (i, _, local) =>
                {
                    body(local, i);
                    return local;
                },
                _ => { });
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
