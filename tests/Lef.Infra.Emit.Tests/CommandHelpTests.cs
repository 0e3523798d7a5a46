using System;
using System.Collections.Generic;
using System.Linq;
using Lef.Infra.Emit.Allocation;
using Lef.Infra.Emit.Apply;
using Lef.Infra.Emit.Import;
using Lef.Infra.Emit.Verification;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>The root help lists each command in one line; each command's own help ends with its exit codes, one a line.</summary>
public sealed class CommandHelpTests
{
    /// <summary>The root's help: every code of the tool, for scripts that call any command.</summary>
    private static readonly string[] AllCodes = [.. Enumerable.Range(0, Cli.Unexpected + 1).Select(Code), "20-26"];

    /// <summary>Only what emit returns: never verify's, import's or next-vip's codes, or the host commands'.</summary>
    private static readonly string[] EmitCodes =
        Codes(Cli.Ok, Cli.Drift, Cli.InvalidTopology, Cli.CannotLoad, Cli.Usage, Cli.NotADeployFolder, Cli.WriteFailed, Cli.CleanupFailed, Cli.Locked, Cli.Unexpected);

    private static readonly string[] HostCodes =
    [
        Code(ApplyExit.Applied), Code(Cli.Drift), Code(Cli.Usage), Code(Cli.Unexpected),
        .. Enumerable.Range(ApplyExit.NothingToDo, ApplyExit.SessionsLeft - ApplyExit.NothingToDo + 1).Select(Code),
    ];

    private static readonly string[] NextValueCodes = Codes(Cli.Ok, Cli.InvalidTopology, Cli.CannotLoad, Cli.Usage, FreeValues.Exhausted, Cli.Unexpected);

    /// <summary>What each command can exit with, from the constants the commands return.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["emit"] = EmitCodes,
        // diff reads the deploy folder and writes nothing: it cannot fail to remove a previous deploy (9).
        ["diff"] = Codes(Cli.Ok, Cli.Drift, Cli.InvalidTopology, Cli.CannotLoad, Cli.Usage, Cli.NotADeployFolder, Cli.WriteFailed, Cli.Locked, Cli.Unexpected),
        ["list"] = Codes(Cli.Ok, Cli.InvalidTopology, Cli.CannotLoad, Cli.Usage, Cli.Unexpected),
        ["import"] = Codes(ImportCommand.Imported, ImportCommand.CannotRead, ImportCommand.BadArguments, ImportCommand.ImportedWithWarnings, Cli.Unexpected),
        ["verify"] = Codes(Cli.Ok, Cli.InvalidTopology, Cli.CannotLoad, Cli.Usage, VerifyCommand.Failed, Cli.Unexpected),
        ["next-vip"] = NextValueCodes,
        ["next-alias"] = NextValueCodes,
        ["plan"] = HostCodes,
        ["apply"] = HostCodes,
        ["rollback"] = HostCodes,
        ["status"] = HostCodes,
        ["drain"] = HostCodes,
    };

    [Fact]
    public void Each_command_is_one_short_line_of_the_list_and_its_help_ends_with_its_exit_codes()
    {
        const string Heading = "\nCommands:\n";
        var root = Emitter.Run("--help").StandardOutput;
        var list = root[(root.IndexOf(Heading, StringComparison.Ordinal) + Heading.Length)..];
        var rows = list[..list.IndexOf("\n\n", StringComparison.Ordinal)].Split('\n');

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Trim().Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(AllCodes, CodesIn(root));
        foreach (var row in rows)
        {
            Assert.DoesNotContain("Exit codes", row, StringComparison.Ordinal);
            Assert.True(row.Length <= 180, "a row of " + row.Length + " characters: " + row);
            var command = row.Trim().Split(' ')[0];
            var help = Emitter.Run(command, "--help");

            Assert.Equal(0, help.ExitCode);
            Assert.Equal(Expected[command], CodesIn(help.StandardOutput));
        }
    }

    [Fact]
    public void Codes_are_a_column_as_wide_as_the_widest()
    {
        Assert.Equal(
            ["Exit codes:", "  0      done (plan: nothing; status: done)", "  20-26  see their --help"],
            CommandHelp.Lines([new(0, "done (plan: nothing; status: done)"), new("20-26", "see their --help")]));
    }

    [Fact]
    public void A_meaning_wraps_under_itself_within_the_width()
    {
        var lines = CommandHelp.Lines([new(3, "one two three four five six seven eight nine ten")], maxWidth: 30).ToList();

        Assert.Equal(["Exit codes:", "  3  one two three four five", "     six seven eight nine ten"], lines);
        Assert.All(lines, line => Assert.True(line.Length <= 30, line));
    }

    /// <summary>The codes of the section the help ends with, in its order (not a wrapped meaning's lines); none when it has none.</summary>
    private static string[] CodesIn(string help)
    {
        const string Heading = "\nExit codes:\n";
        var section = help.LastIndexOf(Heading, StringComparison.Ordinal);
        return section < 0 ? [] : help[(section + Heading.Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Length > 2 && line[2] != ' ').Select(line => line.Trim().Split(' ')[0]).ToArray();
    }

    private static string Code(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Codes(params int[] codes) => codes.Select(Code).ToArray();
}
