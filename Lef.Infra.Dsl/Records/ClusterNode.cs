namespace Lef.Infra.Dsl;

/// <summary>One server of a <see cref="Cluster"/>, written in place.</summary>
/// <param name="Host">A host name (preferred, e.g. <c>pg-orders-1.core.lef</c>) or an IPv4 address.</param>
/// <param name="Port">The service port the endpoint forwards to, e.g. <see cref="Ports.PostgreSql"/>.</param>
/// <param name="CheckPort">
/// The port of the role check, e.g. <see cref="Ports.PatroniRest"/> (8008): never the service port (LEF0028). Omitted (0)
/// when the cluster checks no role (<see cref="RoleCheck.None"/>).
/// </param>
public sealed record ClusterNode(string Host, int Port, int CheckPort = 0);
