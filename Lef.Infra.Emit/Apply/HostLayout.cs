namespace Lef.Infra.Emit.Apply;

/// <summary>Where apply keeps its own state on a host: the lock, the generations and the journal.</summary>
internal static class HostLayout
{
    public const string StateDirectory = "/var/lib/lef-infra";

    public const string LockFile = StateDirectory + "/lock";

    /// <summary>Who holds the lock (user@machine, pid, since when), written once it is taken.</summary>
    public const string LockOwnerFile = StateDirectory + "/lock.owner";

    public const string GenerationsDirectory = StateDirectory + "/generations";

    /// <summary>The number of the generation that is live.</summary>
    public const string CurrentFile = StateDirectory + "/current";

    public const string JournalFile = StateDirectory + "/journal";

    /// <summary>Shell preamble of every session: the admin tools live in sbin, which a non-login ssh shell may not have.</summary>
    public const string Path = "PATH=\"$PATH:/usr/local/sbin:/usr/sbin:/sbin\"; export PATH";
}
