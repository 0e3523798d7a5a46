using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Lef.Infra.Emit.Verification;
using Xunit;

namespace Lef.Infra.Emit.Tests.Verification;

/// <summary>The verify probes against real servers: each recognises its own engine and rejects the other one.</summary>
[Collection(LoopbackEstate.Collection)]
public sealed class ProbeTests(LoopbackEstate estate)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task PostgreSql_probe_gets_postgres_answer_to_sslrequest()
    {
        var result = await PostgreSqlProbe.CheckAsync(estate.PostgreSqlEndPoint, Timeout, CancellationToken.None);
        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Equal("PostgreSQL answered SSLRequest (no TLS)", result.Detail);
    }

    [Fact]
    public async Task PostgreSql_probe_fails_on_a_server_that_is_not_postgres()
    {
        var result = await PostgreSqlProbe.CheckAsync(estate.SqlServer.EndPoint, Timeout, CancellationToken.None);
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.StartsWith("closed without a reply to SSLRequest", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tds_probe_gets_a_prelogin_response_with_the_server_version()
    {
        var result = await TdsPreloginProbe.CheckAsync(estate.SqlServer.EndPoint, Timeout, CancellationToken.None);
        Assert.Equal(CheckOutcome.Passed, result.Outcome);
        Assert.Equal("SQL Server answered PRELOGIN (version 16.0.1000)", result.Detail);
        Assert.Contains(estate.SqlServer.Connections, c => c.IsPrelogin);
    }

    [Fact]
    public async Task Tds_probe_fails_on_postgres()
    {
        var result = await TdsPreloginProbe.CheckAsync(estate.PostgreSqlEndPoint, Timeout, CancellationToken.None);
        Assert.Equal(CheckOutcome.Failed, result.Outcome);
        Assert.Contains("PRELOGIN", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_probe_reports_a_refused_connection()
    {
        var closed = new IPEndPoint(IPAddress.Loopback, LoopbackEstate.FreePort(IPAddress.Loopback));
        Assert.EndsWith("connection refused", (await PostgreSqlProbe.CheckAsync(closed, Timeout, CancellationToken.None)).Detail, StringComparison.Ordinal);
        Assert.EndsWith("connection refused", (await TdsPreloginProbe.CheckAsync(closed, Timeout, CancellationToken.None)).Detail, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Failed, (await TcpConnect.CheckAsync(closed, Timeout, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Dns_query_gets_the_a_record_from_named_and_nxdomain_for_an_unknown_name()
    {
        var answer = await DnsQuery.QueryAAsync(estate.NameServer, "ledger.db.lef", Timeout, CancellationToken.None);
        Assert.Null(answer.Error);
        Assert.Equal([LoopbackEstate.PostgreSqlVip], answer.Addresses);

        var unknown = await DnsQuery.QueryAAsync(estate.NameServer, "nothing-here.db.lef", Timeout, CancellationToken.None);
        Assert.Equal("NXDOMAIN: the name does not exist", unknown.Error);
    }

    [Fact]
    public async Task Dns_query_to_a_port_where_nothing_listens_fails_without_waiting_for_the_timeout()
    {
        var nobody = new IPEndPoint(IPAddress.Loopback, LoopbackEstate.FreePort(IPAddress.Loopback));
        var answer = await DnsQuery.QueryAAsync(nobody, "ledger.db.lef", Timeout, CancellationToken.None);
        Assert.NotNull(answer.Error);
        Assert.Contains(nobody.ToString(), answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dns_parse_ignores_a_datagram_that_answers_another_query_and_follows_name_compression()
    {
        var query = DnsQuery.Query(0x1234, "orders.db.lef");
        byte[] answerRecord = [0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x00, 0x04, 198, 18, 0, 101];
        byte[] reply = [.. query[..2], 0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, .. query[12..], .. answerRecord];
        byte[] otherId = [0x99, 0x99, .. reply[2..]];

        Assert.Null(DnsQuery.Parse(otherId, 0x1234, query.AsSpan(12)));
        var answer = DnsQuery.Parse(reply, 0x1234, query.AsSpan(12));
        Assert.NotNull(answer);
        Assert.Equal([IPAddress.Parse("198.18.0.101")], answer.Addresses);
        Assert.Equal("malformed answer", DnsQuery.Parse(reply[..^3], 0x1234, query.AsSpan(12))!.Error);
    }
}
