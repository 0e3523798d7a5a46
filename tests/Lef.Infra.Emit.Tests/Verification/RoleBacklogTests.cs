using Lef.Infra.Emit.Verification;
using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>
/// The replica endpoint's lag bound as verify checks it, from the replay backlog psql prints (the rehearsal runs it against a
/// real replica held behind): over the bound fails, at or under it passes, an empty column (nothing streamed) passes and
/// says why, anything else is an answer verify does not understand.
/// </summary>
public sealed class RoleBacklogTests
{
    [Theory]
    [InlineData("4092072", "4,092,072 bytes")]
    [InlineData("1048577", "1,048,577 bytes")]
    public void A_backlog_over_the_bound_fails_with_the_node_both_figures_and_the_causes(string backlog, string shown)
    {
        var result = RoleQuery.Backlog("198.18.1.6", backlog, 1048576);
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.StartsWith("reached the replica 198.18.1.6, whose replay is " + shown + " behind the WAL it received, over the endpoint's bound of 1,048,576 bytes", result.Detail);
        Assert.Contains("brief on a busy primary", result.Detail);
        Assert.Contains("its Patroni cannot read the DCS", result.Detail);
    }

    [Theory]
    [InlineData("1048576", "1,048,576 bytes")]
    [InlineData("0", "0 bytes")]
    [InlineData("-8192", "0 bytes")]
    public void A_backlog_at_or_under_the_bound_passes_with_its_figure(string backlog, string shown)
    {
        var result = RoleQuery.Backlog("198.18.1.6", backlog, 1048576);
        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Equal("reached the replica 198.18.1.6, replay " + shown + " behind the WAL it received (bound 1,048,576 bytes)", result.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_replica_that_has_streamed_nothing_passes_and_says_its_backlog_cannot_be_read(string? backlog)
    {
        var result = RoleQuery.Backlog("198.18.1.6", backlog, 1048576);
        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Contains("received no WAL by streaming since it started", result.Detail);
    }

    [Fact]
    public void An_answer_that_is_not_a_number_fails()
    {
        var result = RoleQuery.Backlog("198.18.1.6", "0/3000060", 1048576);
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("answered '0/3000060' for its replay backlog", result.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Without_a_bound_the_backlog_is_not_judged(int? bound)
    {
        var result = RoleQuery.Backlog("198.18.1.6", "99999999", bound);
        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Equal("reached the replica 198.18.1.6", result.Detail);
    }
}
