using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace Lef.Infra.Emit;

/// <summary>One exit code of a command (<c>3</c>, or a range such as <c>20-26</c>) and what it means.</summary>
internal readonly record struct ExitCode(string Code, string Meaning)
{
    public ExitCode(int code, string meaning)
        : this(code.ToString(CultureInfo.InvariantCulture), meaning)
    {
    }
}

/// <summary>
/// Each command's exit codes, shown by its own --help after the options, one code a line. In its description they would
/// also fill its row of every list of commands, where one line is read.
/// </summary>
internal static class CommandHelp
{
    private static readonly ConditionalWeakTable<Command, IReadOnlyList<ExitCode>> ExitCodes = new();

    public static T WithExitCodes<T>(this T command, params IReadOnlyList<ExitCode> exitCodes)
        where T : Command
    {
        ExitCodes.AddOrUpdate(command, exitCodes);
        return command;
    }

    /// <summary>Has the help of <paramref name="root"/> and of every command under it end with the command's exit codes.</summary>
    public static void ShowExitCodes(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new WithExitCodesAction((HelpAction)help.Action!);
    }

    /// <summary>
    /// "Exit codes:", then each code in a column of its own and its meaning, wrapped under itself to lines of at most
    /// <paramref name="maxWidth"/> characters (the terminal's width, as the options are; unbounded when output is redirected).
    /// </summary>
    public static IEnumerable<string> Lines(IReadOnlyList<ExitCode> exitCodes, int maxWidth = int.MaxValue)
    {
        yield return "Exit codes:";
        var width = exitCodes.Max(c => c.Code.Length) + 2;
        var indent = new string(' ', 2 + width);
        foreach (var code in exitCodes)
        {
            var first = "  " + code.Code.PadRight(width);
            // However narrow the terminal, a meaning keeps a column of 20 characters: words, not letters, per line.
            foreach (var line in Wrap(code.Meaning, Math.Max(maxWidth - indent.Length, 20)))
            {
                yield return first + line;
                first = indent;
            }
        }
    }

    /// <summary>The words in lines of at most <paramref name="width"/> characters; a longer word is a line of its own.</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        yield return line.ToString();
    }

    private sealed class WithExitCodesAction(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => help.ClearsParseErrors;

        public override int Invoke(ParseResult parseResult)
        {
            var result = help.Invoke(parseResult);
            if (ExitCodes.TryGetValue(parseResult.CommandResult.Command, out var exitCodes))
            {
                var output = parseResult.InvocationConfiguration.Output;
                foreach (var line in Lines(exitCodes, help.MaxWidth))
                {
                    output.WriteLine(line);
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
