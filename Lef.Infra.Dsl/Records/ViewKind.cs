namespace Lef.Infra.Dsl;

/// <summary>Who a <see cref="DnsView"/> answers: the Core LAN, or clients outside it.</summary>
public enum ViewKind
{
    /// <summary>Clients inside: every endpoint is published here unless it lists its views.</summary>
    Internal = 0,

    /// <summary>Clients outside: only endpoints that list this view, and only with public addresses (LEF0015).</summary>
    External = 1,
}
