using System.Collections.Generic;

namespace Lef.Infra.Dsl;

/// <summary>
/// A database cluster: several servers of one engine, of which one holds the write role at a time (a Patroni cluster, an
/// Always On availability group) or all are alike (plain TCP). An endpoint on a cluster routes to the nodes that hold
/// its <see cref="ClusterRole"/>, as <see cref="Check"/> tells HAProxy, and to no other: it still fails closed.
/// </summary>
/// <param name="Name">The cluster's name, e.g. <c>orders</c>: HAProxy's server names (<c>orders-1</c>) and the facts table.</param>
/// <param name="Engine">What speaks on the nodes' service port.</param>
/// <param name="Nodes">Its servers, written in place, each with its own check: <c>[new ClusterNode("pg-orders-1.core.lef", 5432, 8008), ...]</c>.</param>
/// <param name="Check">
/// How HAProxy learns which node holds which role. <see cref="RoleCheck.PatroniRest"/>: Patroni's REST API on each node's
/// <see cref="ClusterNode.CheckPort"/>. <see cref="RoleCheck.None"/>: the engine's own check on every node, for clusters
/// whose nodes are alike; no write endpoint may use it (LEF0025).
/// </param>
/// <param name="OnMarkedDown">
/// What happens to open sessions when a node loses the role: cut (<c>on-marked-down shutdown-sessions</c>, the default),
/// or kept, which a role check forbids (LEF0026): sessions would go on writing to a demoted primary.
/// </param>
public sealed record Cluster(string Name, Engine Engine, IReadOnlyList<ClusterNode> Nodes, RoleCheck Check, OnMarkedDown OnMarkedDown = OnMarkedDown.ShutdownSessions);
