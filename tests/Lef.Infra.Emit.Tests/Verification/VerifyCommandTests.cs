using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>The verify command end to end on loopback: the table, the named failing check, and the documented exit codes.</summary>
[Collection(LoopbackEstate.Collection)]
public sealed class VerifyCommandTests(LoopbackEstate estate)
{
    [Fact]
    public void Every_check_passes_against_live_servers_and_exits_0()
    {
        var verify = estate.Verify("--dns-server", estate.NameServer.ToString());
        Assert.True(verify.ExitCode == Cli.Ok, verify.Output);
        Assert.Contains($"| ledger.db.lef | 127.0.1.10 | {estate.Postgres.Port} | PostgreSql | ok | ok | ok | ok |", verify.StandardOutput);
        Assert.Contains($"| payroll.db.lef | 127.0.1.11 | {estate.SqlServer.EndPoint.Port} | SqlServer | ok | ok | ok | ok |", verify.StandardOutput);
        Assert.Contains("verify: all 2 endpoint(s) passed", verify.StandardOutput);
    }

    [Fact]
    public void Endpoint_limits_the_checks_to_one_endpoint()
    {
        var verify = estate.Verify("--dns-server", estate.NameServer.ToString(), "--endpoint", "payroll.db.lef");
        Assert.True(verify.ExitCode == Cli.Ok, verify.Output);
        Assert.Contains("| payroll.db.lef |", verify.StandardOutput);
        Assert.DoesNotContain("ledger", verify.StandardOutput);
    }

    [Fact]
    public void A_name_that_does_not_resolve_fails_the_dns_check_and_exits_5()
    {
        var nobody = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, LoopbackEstate.FreePort(System.Net.IPAddress.Loopback));
        var verify = estate.Verify("--dns-server", nobody.ToString(), "--endpoint", "ledger", "--timeout", "1");
        Assert.Equal(Lef.Infra.Emit.Verification.VerifyCommand.Failed, verify.ExitCode);
        Assert.Contains($"| ledger.db.lef | 127.0.1.10 | {estate.Postgres.Port} | PostgreSql | FAIL | - | ok | ok |", verify.StandardOutput);
        Assert.Contains("FAIL ledger.db.lef:" + estate.Postgres.Port + " dns: DNS server " + nobody, verify.StandardOutput);
        Assert.Contains("verify: 1 of 1 endpoint(s) failed", verify.StandardOutput);
    }

    [Theory]
    [InlineData("--endpoint", "nothing-here")]
    [InlineData("--dns-server", "not-an-address")]
    public void A_bad_target_is_bad_arguments_exit_4_with_a_message(string option, string value)
    {
        var verify = estate.Verify(option, value);
        Assert.Equal(Cli.Usage, verify.ExitCode);
        Assert.Contains(value, verify.StandardError);
    }
}
