using System.Collections.Generic;

namespace Lef.Infra.Dsl;

/// <summary>
/// A split-horizon DNS view: the <c>db.lef</c> zone that the clients it matches are answered from. BIND answers a client
/// from the first view that matches it; the emitter lists views most specific first (see README, "DNS views").
/// </summary>
/// <param name="Name">The view's name in named.conf and its folder under deploy/dns/views/, e.g. <c>internal</c>.</param>
/// <param name="MatchClients">The clients it answers: networks in CIDR form (<c>10.0.0.0/8</c>), or <c>"any"</c>.</param>
/// <param name="Kind">
/// <see cref="ViewKind.Internal"/> views publish every endpoint unless the endpoint lists its views;
/// <see cref="ViewKind.External"/> views publish only the endpoints that list them, and never a private address (LEF0015).
/// </param>
public sealed record DnsView(string Name, IReadOnlyList<string> MatchClients, ViewKind Kind);
