namespace Lef.Infra.Dsl;

/// <summary>An address from a pool, bound on the pool's host as the alias <c>Interface:Alias</c> (e.g. <c>ens18:1</c>).</summary>
/// <param name="Pool">The pool the address belongs to: a reference to a <see cref="VipPool"/> field.</param>
/// <param name="Address">The IPv4 address, inside the pool's First..Last.</param>
/// <param name="Alias">The alias number: the <c>n</c> of <c>ens18:n</c>.</param>
public sealed record Vip(VipPool Pool, string Address, int Alias);
