using System;

namespace Lef.Infra.Emit.Deployment;

/// <summary>Why a deploy folder was not replaced (or only partly cleaned up); the command line gives each its own exit code.</summary>
internal enum DeployFailure
{
    /// <summary>The path is not a deploy folder the tool made (a file, a folder with other things in it, a dangling link): nothing written.</summary>
    NotADeployFolder,

    /// <summary>The new deploy could not be written, or the current one read (disk full, read-only, no permission): the previous deploy is unchanged.</summary>
    WriteFailed,

    /// <summary>The new deploy is in place, but the previous one (or a leftover) could not be removed.</summary>
    CleanupFailed,

    /// <summary>Another emit held the deploy folder's lock for longer than the wait: nothing written.</summary>
    Locked,
}

/// <summary>A deploy folder that was refused or could not be replaced; the message is one line for the user.</summary>
internal sealed class DeployFolderException(DeployFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public DeployFailure Failure { get; } = failure;
}
