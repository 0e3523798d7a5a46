using System;
using System.Threading.Tasks;
using Lef.Infra.Emit.Apply;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

/// <summary>The shell session every host command runs its steps in, here on this machine (the transport <c>--local</c> uses).</summary>
public sealed class HostSessionTests
{
    [Fact]
    public async Task A_step_after_one_that_timed_out_gets_its_own_output_and_code()
    {
        // The shell runs a timed-out step to its end before the next one: its output and exit code arrive first, and must
        // not be taken for the next step's (a rollback would read "7" for its own reload).
        using var session = await HostSession.OpenAsync(new Transport(true, null, []), "local", TimeSpan.FromSeconds(10));
        var slow = await Assert.ThrowsAsync<HostStepException>(() => session.TryRunAsync("sleep 2; echo from-the-slow-step; return 7", TimeSpan.FromSeconds(1)));
        Assert.Contains("no answer within 1 s", slow.Message, StringComparison.Ordinal);

        Assert.Equal((0, "from-the-next-step"), await session.TryRunAsync("echo from-the-next-step", TimeSpan.FromSeconds(10)));
        Assert.Equal((3, "and the one after"), await session.TryRunAsync("echo and the one after; return 3", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_live_file_that_is_not_utf8_is_refused_not_rewritten()
    {
        // "Ren\xe9" (Latin-1) read as UTF-8 becomes "Ren\uFFFD": a rollback to the generation adopted from it would write
        // other bytes than the host's own.
        using var folder = new TempDirectory();
        var path = folder.Combine("haproxy.cfg");
        System.IO.File.WriteAllBytes(path, [.. "# edited by Ren"u8, 0xE9, (byte)'\n']);
        System.IO.File.WriteAllText(folder.Combine("ok.cfg"), "# caf\u00e9\n");
        using var session = await HostSession.OpenAsync(new Transport(true, null, []), "local", TimeSpan.FromSeconds(10));

        var refused = await Assert.ThrowsAsync<HostStepException>(() => LiveFiles.ReadAsync(session, [path]));
        Assert.Contains(path + " is not UTF-8 text (byte 16 of 17)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("# caf\u00e9\n", (await LiveFiles.ReadAsync(session, [folder.Combine("ok.cfg")]))[folder.Combine("ok.cfg")]);
    }
}
