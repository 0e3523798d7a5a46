using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// HAProxy's conditional blocks (<c>.if</c>, <c>.elif</c>, <c>.else</c>, <c>.endif</c>; configuration manual 2.4), evaluated as
/// HAProxy would for the given environment and version. What cannot be known here (<c>feature()</c>, an unknown predicate)
/// is an error: importing both branches, or guessing one, would describe another estate than the live one.
/// </summary>
internal sealed class HaproxyCondition(IReadOnlyDictionary<string, string> environment, string version)
{
    private readonly Stack<Level> levels = new();

    /// <summary>Whether the lines read now are part of the configuration.</summary>
    public bool Active => levels.Count == 0 || levels.Peek().Active;

    /// <summary>The line of the innermost <c>.if</c> still open, if any.</summary>
    public int? Unclosed => levels.Count == 0 ? null : levels.Peek().Line;

    public void Reset() => levels.Clear();

    /// <summary>Reads a line starting with a dot; returns what to report about it, if anything.</summary>
    public ImportFinding? Read(IReadOnlyList<string> words, ConfigSite site)
    {
        var directive = words.Count > 0 ? words[0] : ".";
        var condition = string.Join(" ", words.Skip(1));
        switch (directive)
        {
            case ".if":
            {
                var enclosing = Active;
                if (!enclosing)
                {
                    levels.Push(new Level(site.Line, false, false, true));
                    return null;
                }

                var (value, error) = Evaluate(condition);
                levels.Push(new Level(site.Line, value ?? false, false, false));
                return error is null ? null : Refuse(site, directive, condition, error);
            }

            case ".elif":
            {
                if (levels.Count == 0 || levels.Peek().ElseSeen)
                {
                    return ImportFinding.Error(site, "`.elif` without an `.if` before it; HAProxy refuses the file");
                }

                var level = levels.Pop();
                if (level.Skipped || level.Taken || level.Active)
                {
                    levels.Push(level with { Active = false, Taken = true });
                    return null;
                }

                var (value, error) = Evaluate(condition);
                levels.Push(level with { Active = value ?? false });
                return error is null ? null : Refuse(site, directive, condition, error);
            }

            case ".else":
            {
                if (levels.Count == 0 || levels.Peek().ElseSeen)
                {
                    return ImportFinding.Error(site, "`.else` without an `.if` before it; HAProxy refuses the file");
                }

                var level = levels.Pop();
                levels.Push(level with { Active = !level.Skipped && !level.Taken && !level.Active, Taken = true, ElseSeen = true });
                return null;
            }

            case ".endif":
                if (levels.Count == 0)
                {
                    return ImportFinding.Error(site, "`.endif` without an `.if` before it; HAProxy refuses the file");
                }

                levels.Pop();
                return null;
            case ".diag" or ".notice" or ".warning" when Active:
                return ImportFinding.Note(site, "`" + string.Join(" ", words) + "`: a message HAProxy prints at startup; nothing to import");
            case ".alert" when Active:
                return ImportFinding.Error(site, "`" + string.Join(" ", words) + "`: HAProxy refuses to start with this configuration");
            case ".diag" or ".notice" or ".warning" or ".alert":
                return null;
            default:
                return Active ? ImportFinding.Error(site, "`" + directive + "` is not a directive HAProxy knows; it refuses the file") : null;
        }
    }

    private static ImportFinding Refuse(ConfigSite site, string directive, string condition, string why) =>
        ImportFinding.Error(site, "`" + directive + " " + condition + "`: " + why + "; the import cannot tell which lines HAProxy reads");

    /// <summary>The condition's value, or why it cannot be known.</summary>
    public (bool? Value, string? Error) Evaluate(string condition)
    {
        var parser = new Expression(condition, this);
        try
        {
            if (condition.Trim().Length == 0)
            {
                return (false, null);
            }

            var value = parser.Or();
            parser.SkipBlanks();
            return parser.AtEnd ? (value, null) : (null, "HAProxy cannot parse it (unexpected `" + parser.Rest + "`)");
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    private bool Predicate(string name, IReadOnlyList<string> arguments) => (name, arguments) switch
    {
        ("defined", [var variable]) => environment.ContainsKey(variable),
        ("streq", [var a, var b]) => string.Equals(a, b, StringComparison.Ordinal),
        ("strneq", [var a, var b]) => !string.Equals(a, b, StringComparison.Ordinal),
        ("version_atleast", [var given]) => CompareVersions(version, given) >= 0,
        ("version_before", [var given]) => CompareVersions(version, given) < 0,
        ("feature", _) => throw new FormatException("feature() depends on how the live haproxy was built (`haproxy -vv`)"),
        ("defined" or "streq" or "strneq" or "version_atleast" or "version_before", _) => throw new FormatException(name + "() takes other arguments"),
        _ => throw new FormatException("HAProxy 2.6 knows no predicate `" + name + "`"),
    };

    /// <summary>Versions as HAProxy compares them: numbers by component (missing ones are zero), then -devN before -rcN before the release.</summary>
    public static int CompareVersions(string a, string b)
    {
        var (x, y) = (VersionKey(a), VersionKey(b));
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var compared = (i < x.Count ? x[i] : 0).CompareTo(i < y.Count ? y[i] : 0);
            if (compared != 0)
            {
                return compared;
            }
        }

        return 0;
    }

    private static List<long> VersionKey(string version)
    {
        var dash = version.IndexOf('-');
        var numbers = (dash < 0 ? version : version[..dash]).Split('.');
        var key = new List<long>();
        foreach (var number in numbers.Take(3))
        {
            key.Add(long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new FormatException("`" + version + "` is not a version HAProxy reads"));
        }

        while (key.Count < 3)
        {
            key.Add(0);
        }

        var suffix = dash < 0 ? string.Empty : version[(dash + 1)..];
        var (stage, rest) = suffix.StartsWith("dev", StringComparison.Ordinal) ? (0, suffix[3..])
            : suffix.StartsWith("rc", StringComparison.Ordinal) ? (1, suffix[2..])
            : (2, string.Empty);
        key.Add(stage);
        var digits = new string(rest.TakeWhile(char.IsAsciiDigit).ToArray());
        key.Add(digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture));
        return key;
    }

    /// <param name="Line">The line of its <c>.if</c>.</param>
    /// <param name="Active">Whether the branch being read is part of the configuration.</param>
    /// <param name="Taken">Whether an earlier branch was.</param>
    /// <param name="Skipped">Whether the whole block sits in a branch that is not read.</param>
    private sealed record Level(int Line, bool Active, bool Taken, bool Skipped)
    {
        public bool ElseSeen { get; init; }
    }

    /// <summary>The condition grammar: <c>||</c> over <c>&amp;&amp;</c> over <c>!</c>, parentheses, integers and predicates.</summary>
    private sealed class Expression(string text, HaproxyCondition owner)
    {
        /// <summary>Deeper than any condition a person writes; each level is a frame of this reader's stack.</summary>
        private const int MaxDepth = 64;

        private int position;
        private int depth;

        public bool AtEnd => position >= text.Length;

        public string Rest => text[position..];

        public void SkipBlanks()
        {
            while (position < text.Length && text[position] is ' ' or '\t')
            {
                position++;
            }
        }

        // Evaluation stops where HAProxy's does: a predicate it never evaluates cannot make the condition unknown.
        public bool Or(bool evaluate = true)
        {
            var value = And(evaluate);
            while (Take("||"))
            {
                var right = And(evaluate && !value);
                value = value || right;
            }

            return value;
        }

        private bool And(bool evaluate)
        {
            var value = Term(evaluate);
            while (Take("&&"))
            {
                var right = Term(evaluate && value);
                value = value && right;
            }

            return value;
        }

        private bool Term(bool evaluate)
        {
            // Negations counted, not recursed into: `!!!!1` a million deep is one loop.
            var negated = false;
            while (Take("!"))
            {
                negated = !negated;
            }

            return negated != Operand(evaluate);
        }

        private bool Operand(bool evaluate)
        {
            SkipBlanks();
            if (Take("("))
            {
                if (++depth > MaxDepth)
                {
                    throw new FormatException("its parentheses nest deeper than " + MaxDepth + " levels, more than the import reads");
                }

                var value = Or(evaluate);
                depth--;
                return Take(")") ? value : throw new FormatException("HAProxy cannot parse it (a `(` is not closed)");
            }

            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '-' or '.'))
            {
                position++;
            }

            var word = text[start..position];
            if (word.Length == 0)
            {
                throw new FormatException("HAProxy cannot parse it (unexpected `" + Rest + "`)");
            }

            if (word.All(char.IsAsciiDigit))
            {
                return word.Any(c => c != '0');
            }

            SkipBlanks();
            if (!Take("("))
            {
                throw new FormatException("HAProxy cannot parse it (`" + word + "` is neither a number nor a predicate)");
            }

            var close = text.IndexOf(')', position);
            if (close < 0)
            {
                throw new FormatException("HAProxy cannot parse it (a `(` is not closed)");
            }

            var arguments = text[position..close].Split(',');
            position = close + 1;
            return evaluate && owner.Predicate(word, arguments);
        }

        private bool Take(string token)
        {
            SkipBlanks();
            if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0)
            {
                return false;
            }

            position += token.Length;
            return true;
        }
    }
}
