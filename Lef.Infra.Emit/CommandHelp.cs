using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;

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

    /// <summary>"Exit codes:", then each code in a column of its own and its meaning.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<ExitCode> exitCodes)
    {
        var width = exitCodes.Max(c => c.Code.Length) + 2;
        return exitCodes.Select(c => "  " + c.Code.PadRight(width) + c.Meaning).Prepend("Exit codes:");
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
                foreach (var line in Lines(exitCodes))
                {
                    output.WriteLine(line);
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
