using System.Collections.Generic;

namespace Lef.Infra.Dsl;

/// <summary>A database endpoint <c>Name.db.lef</c>: HAProxy listens on <c>Vip:Port</c> and forwards to <see cref="Backend"/>.</summary>
/// <param name="Name">The DNS label under db.lef, e.g. <c>erp</c> for erp.db.lef.</param>
/// <param name="Vip">The VIP the endpoint listens on: a reference to a <see cref="Dsl.Vip"/> field.</param>
/// <param name="Port">The port HAProxy listens on, e.g. <see cref="Ports.SqlServer"/>.</param>
/// <param name="Engine">The protocol behind the port; picks the health check.</param>
/// <param name="Backend">The one server traffic goes to. There is no backup: the endpoint fails closed.</param>
/// <param name="Views">
/// The DNS views that publish <c>Name.db.lef</c>: references to <see cref="DnsView"/> fields. Omitted (or null): every
/// internal view. List a view to limit the endpoint to it, or to publish it in an external view.
/// </param>
public sealed record Endpoint(string Name, Vip Vip, int Port, Engine Engine, Backend Backend, IReadOnlyList<DnsView>? Views = null);
