using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// The cluster rehearsal with Debian's Patroni on each node and an etcd (<see cref="PatroniCluster"/>): HAProxy checks the
/// real REST API, and a switchover is Patroni's own.
/// </summary>
public sealed class PatroniRehearsal : ClusterRehearsalBase
{
    internal PatroniCluster Cluster { get; private set; } = null!;

    internal PatroniNode First => Cluster.Nodes.Single(m => m.Address == FirstAddress);

    internal PatroniNode Second => Cluster.Nodes.Single(m => m.Address == SecondAddress);

    /// <summary>The first node the leader, the second its caught-up streaming replica; HAProxy routing accordingly.</summary>
    internal async Task ResetAsync()
    {
        await Cluster.RestoreAsync(First);
        await WaitForRolesAsync(First, Second);
    }

    protected override async Task StartClusterAsync(IReadOnlyList<(string Name, string Address)> nodes)
    {
        Cluster = await PatroniCluster.StartAsync(Db, DbDirectory, nodes);
        teardown.Add(Cluster);
        await First.ExecAsync(PostgresCluster.WritesTableSql(Rehearsal.PostgreSqlUser));
    }

    protected override Task ResetClusterAsync() => ResetAsync();
}
