namespace Lef.Infra.Dsl.Model;

/// <summary>One entry of a view's match-clients: a CIDR, or <c>any</c> (every client, as BIND's built-in ACL).</summary>
public static class ClientMatch
{
    public const string Any = "any";

    /// <summary>Parses an entry; <c>any</c> is 0.0.0.0/0. On failure <paramref name="error"/> says why, for LEF0013.</summary>
    public static bool TryParse(string? text, out Ipv4Network network, out string error) =>
        text == Any ? Ipv4Network.TryParse("0.0.0.0/0", out network, out error) : Ipv4Network.TryParse(text, out network, out error);
}
