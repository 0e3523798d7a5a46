namespace Lef.Infra.Dsl;

/// <summary>What a <see cref="ProxyPair"/> does when its higher priority node comes back.</summary>
public enum FailBack
{
    /// <summary>The VIPs move back to it (keepalived's default, <c>preempt</c>): one more switch, and the master is always the same node.</summary>
    Preempt = 0,

    /// <summary>The VIPs stay where they are (<c>nopreempt</c>): a returning node waits as backup, and no connection moves twice.</summary>
    Stay = 1,
}
