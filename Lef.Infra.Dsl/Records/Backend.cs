namespace Lef.Infra.Dsl;

/// <summary>The database server behind an endpoint.</summary>
/// <param name="Host">A host name (preferred, e.g. <c>sql-erp-01.core.lef</c>) or an IPv4 address.</param>
/// <param name="Port">The server's port.</param>
public sealed record Backend(string Host, int Port);
