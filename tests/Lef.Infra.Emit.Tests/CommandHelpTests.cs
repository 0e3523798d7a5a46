using System;
using System.Linq;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>The root help lists each command in one line; each command's own help ends with its exit codes, one a line.</summary>
public sealed class CommandHelpTests
{
    [Fact]
    public void Each_command_is_one_short_line_of_the_list_and_its_help_ends_with_its_exit_codes()
    {
        var root = Emitter.Run("--help").StandardOutput;
        var list = root[(root.IndexOf("\nCommands:\n", StringComparison.Ordinal) + 11)..];
        var rows = list[..list.IndexOf("\n\n", StringComparison.Ordinal)].Split('\n');
        Assert.True(rows.Length >= 12, "commands listed:\n" + string.Join("\n", rows));

        foreach (var row in rows)
        {
            Assert.DoesNotContain("Exit codes", row, StringComparison.Ordinal);
            Assert.True(row.Length <= 200, "a row of " + row.Length + " characters: " + row);
            var command = row.Trim().Split(' ')[0];
            var help = Emitter.Run(command, "--help");

            Assert.Equal(0, help.ExitCode);
            var codes = help.StandardOutput[help.StandardOutput.LastIndexOf("\nExit codes", StringComparison.Ordinal)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(codes.Length >= 3, command + " --help ends without its exit codes:\n" + help.StandardOutput);
            Assert.All(codes.Skip(1), line => Assert.Matches(@"^  [0-9]+(-[0-9]+)? +\S", line));
            Assert.StartsWith("  0 ", codes[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_meaning_may_hold_a_semicolon_and_a_row_may_be_a_range()
    {
        Assert.Equal(
            ["Exit codes (plan):", "  0     done (plan: nothing; status: done)", "  4     bad arguments", "  20-26 see their --help"],
            CommandHelp.Lines("Exit codes (plan): 0 done (plan: nothing; status: done); 4 bad arguments; 20-26 see their --help."));
    }
}
