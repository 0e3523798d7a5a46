extern alias analyzers;

using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Xunit;
using Concurrently = analyzers::Lef.Infra.Dsl.Checking.Concurrently;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The index build sketches files on every core. Every index must be done exactly once, a failure must reach the driver as
/// itself (its AD0001 message names it), and a cancelled build must stop with a cancellation, as a sequential one does.
/// </summary>
public sealed class ConcurrentlyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public void Every_index_is_done_once(int count)
    {
        var done = new int[count];
        var states = new ConcurrentBag<object>();
        Concurrently.For(
            count,
            CancellationToken.None,
            () =>
            {
                var state = new object();
                states.Add(state);
                return state;
            },
            (_, i) => Interlocked.Increment(ref done[i]));

        Assert.All(done, times => Assert.Equal(1, times));
        Assert.True(count == 0 ? states.IsEmpty : !states.IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void A_failure_is_rethrown_unwrapped(int count)
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            Concurrently.For(count, CancellationToken.None, () => 0, (_, i) =>
            {
                if (i == count - 1)
                {
                    throw new InvalidOperationException("index " + i);
                }
            }));

        Assert.Equal("index " + (count - 1), failure.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void A_cancelled_build_stops_with_a_cancellation(int count)
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var ran = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Concurrently.For(count, cancel.Token, () => 0, (_, _) => Interlocked.Increment(ref ran)));
        Assert.Equal(0, ran);
    }
}
