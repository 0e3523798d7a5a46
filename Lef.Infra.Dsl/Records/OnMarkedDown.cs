namespace Lef.Infra.Dsl;

/// <summary>What HAProxy does with open sessions on a node its check marks down.</summary>
public enum OnMarkedDown
{
    /// <summary><c>on-marked-down shutdown-sessions</c>: they are cut, and clients reconnect to the node that holds the role now.</summary>
    ShutdownSessions = 0,

    /// <summary>They are kept: only for nodes without a role, where a session on a node going down loses nothing more than the node.</summary>
    KeepSessions = 1,
}
