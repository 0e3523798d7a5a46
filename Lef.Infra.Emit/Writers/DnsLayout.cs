namespace Lef.Infra.Emit.Writers;

/// <summary>Where the DNS artifacts go: deploy/dns/ is copied to <see cref="LiveDirectory"/> on <see cref="Host"/>, so the fragment names live paths.</summary>
internal static class DnsLayout
{
    /// <summary>The primary name server of db.lef (the SOA's MNAME).</summary>
    public const string Host = "dns.core.lef";

    public const string LiveDirectory = "/etc/bind/lef";

    /// <summary>The named.conf fragment when views are declared: one view statement each, every zone inside a view.</summary>
    public const string ViewsFragment = "named.conf.lef-views";

    /// <summary>The named.conf fragment when no view is declared: one zone statement.</summary>
    public const string ZoneFragment = "named.conf.lef-zone";

    /// <summary>A zone file's path under deploy/dns/ (and under <see cref="LiveDirectory"/>): one folder per view.</summary>
    public static string ZoneFile(string? view) => view is null ? ZoneWriter.Origin + ".zone" : "views/" + view + "/" + ZoneWriter.Origin + ".zone";
}
