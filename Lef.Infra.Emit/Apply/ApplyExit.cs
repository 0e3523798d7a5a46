namespace Lef.Infra.Emit.Apply;

/// <summary>The exit codes of plan, apply, rollback, status and drain: one per outcome (20-26; 0-12 are the rest of the tool's).</summary>
internal static class ApplyExit
{
    /// <summary>Applied (or rolled back on request), verified.</summary>
    public const int Applied = 0;

    /// <summary>The live files already are the deployables: nothing was touched.</summary>
    public const int NothingToDo = 20;

    /// <summary>Refused: the live files (or the deployables) changed since the plan given with --plan.</summary>
    public const int Stale = 21;

    /// <summary>Refused: another apply holds a host's lock, or a removed endpoint still has sessions.</summary>
    public const int Refused = 22;

    /// <summary>Failed before anything live changed: unreachable host, missing tool, permission, haproxy -c, ifup -n, named-checkconf.</summary>
    public const int CheckFailed = 23;

    /// <summary>Failed after the swap (reload, verify, rndc, serial): rolled back to the previous generation with a reload.</summary>
    public const int RolledBack = 24;

    /// <summary>Failed after the swap and the rollback failed too, or a step after the verify failed: the host needs a person now.</summary>
    public const int RollbackFailed = 25;

    /// <summary>drain: sessions were still open when the timeout ran out.</summary>
    public const int SessionsLeft = 26;

    /// <summary>The codes of all five commands, each shown by every one of them: a script branches on them the same way.</summary>
    public static readonly ExitCode[] Codes =
    [
        new(Applied, "applied and verified (plan: nothing would change; status, drain: done)"),
        new(Cli.Drift, "plan: a deploy would change a host"),
        Cli.BadArguments,
        Cli.UnexpectedFailure,
        new(NothingToDo, "nothing to do, nothing touched"),
        new(Stale, "refused: stale plan"),
        new(Refused, "refused: host locked by another apply, or a removed endpoint still has sessions (use --drain)"),
        new(CheckFailed, "a check failed before anything live changed (unreachable host, missing tool, permission, haproxy -c, ifup -n, named-checkconf)"),
        new(RolledBack, "failed after the swap and rolled back to the previous generation"),
        new(RollbackFailed, "the rollback failed too (or a step after the verify did)"),
        new(SessionsLeft, "drain: sessions left at the timeout"),
    ];
}

/// <summary>An apply that stopped: its exit code and the one-line reason.</summary>
internal sealed class ApplyFailure(int code, string message) : System.Exception(message)
{
    public int Code { get; } = code;
}
