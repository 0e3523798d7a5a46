using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Lef.Infra.Emit;

/// <summary>
/// Each command's exit codes, shown by its own --help after the options, one code a line. In its description they would
/// also fill its row of every list of commands, where one line is read.
/// </summary>
internal static partial class CommandHelp
{
    private static readonly ConditionalWeakTable<Command, string> ExitCodes = new();

    /// <summary>The command, its exit codes given as "Exit codes: 0 meaning; 1 meaning; ..." (a heading before the first ": ").</summary>
    public static T WithExitCodes<T>(this T command, string exitCodes)
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

    /// <summary>"Exit codes:", then each code and its meaning, the code in a column of its own.</summary>
    public static IEnumerable<string> Lines(string exitCodes)
    {
        var colon = exitCodes.IndexOf(": ", StringComparison.Ordinal);
        yield return exitCodes[..(colon + 1)];
        foreach (var entry in CodeStart().Split(exitCodes[(colon + 2)..].TrimEnd('.')))
        {
            var space = entry.IndexOf(' ', StringComparison.Ordinal);
            yield return "  " + entry[..space].PadRight(6) + entry[(space + 1)..];
        }
    }

    /// <summary>The "; " before a code (<c>; 3 </c>, <c>; 20-26 </c>); a "; " inside a meaning is followed by a word.</summary>
    [GeneratedRegex(@"; (?=\d+(?:-\d+)? )")]
    private static partial Regex CodeStart();

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
