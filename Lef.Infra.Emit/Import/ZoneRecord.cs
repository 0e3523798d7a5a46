namespace Lef.Infra.Emit.Import;

/// <summary>
/// An A record under the zone, <c>erp.db.lef. A 10.20.0.101</c>, with its name relative to the zone (<c>erp</c>) in lower case,
/// and the DNS view whose zone file holds it (null when the zone is not split into views).
/// </summary>
internal sealed record ZoneRecord(string Name, string Address, ConfigSite Site, string? View = null);
