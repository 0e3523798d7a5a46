using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Apply;

/// <summary>
/// One apply per host at a time: <c>flock</c> on <see cref="HostLayout.LockFile"/>, held by the session's shell (fd 9), so it
/// is released when the session ends, however it ends. A second apply waits a bounded time, then refuses naming the holder.
/// </summary>
internal static class HostLock
{
    public static async Task AcquireAsync(HostSession session, TimeSpan wait, string owner)
    {
        var seconds = Math.Max(0, (int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var script = $$"""
            command -v flock >/dev/null || { echo "flock is not installed on the host (util-linux)"; return 3; }
            mkdir -p {{HostLayout.StateDirectory}} || return 3
            exec 9>>{{HostLayout.LockFile}} || return 3
            if ! flock -w {{seconds}} 9; then
              echo "held by $(cat {{HostLayout.LockOwnerFile}} 2>/dev/null || echo 'an unknown owner') (waited {{seconds}} s)"; return 4
            fi
            printf '%s\n' {{Shell.Quote(owner)}} > {{HostLayout.LockOwnerFile}}
            """;
        var result = await session.TryRunAsync(script, wait + TimeSpan.FromSeconds(30));
        switch (result)
        {
            case null:
                throw new HostStepException(session.Host, "lock", "the connection ended: " + session.TransportErrors);
            case { Code: 4 }:
                throw new HostLockedException(session.Host, HostSession.OneLine(result.Value.Output));
            case { Code: not 0 }:
                throw new HostStepException(session.Host, "lock " + HostLayout.LockFile, HostSession.OneLine(result.Value.Output));
        }
    }

    /// <summary>Who this apply is, for the next one that has to wait: user@machine, pid, start time (UTC).</summary>
    public static string Owner(DateTimeOffset now) =>
        Environment.UserName + "@" + Environment.MachineName + " pid " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " since " + now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>Another apply holds the host's lock.</summary>
internal sealed class HostLockedException(string host, string holder) : Exception(host + ": lock " + HostLayout.LockFile + ": " + holder)
{
    public string Host { get; } = host;
}
