using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Lef.Infra.Emit.Deployment;

/// <summary>
/// A unified diff (as <c>diff -u</c>: three lines of context, "\ No newline at end of file") that <c>patch</c> applies.
/// Lines are matched with Myers' algorithm after trimming the common head and tail.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>Edits beyond which the changed middle is shown as removed and added whole: the trace is quadratic in edits.</summary>
    private const int MaxEdits = 2000;

    private enum Kind
    {
        Equal,
        Delete,
        Insert,
    }

    /// <summary>The diff from <paramref name="oldText"/> to <paramref name="newText"/> (null: the file is absent); empty when equal.</summary>
    public static string Write(string? oldText, string? newText, string oldLabel, string newLabel)
    {
        if (oldText == newText)
        {
            return string.Empty;
        }

        var a = Lines(oldText ?? string.Empty);
        var b = Lines(newText ?? string.Empty);
        var ops = Script(a, b);
        var text = new StringBuilder()
            .Append("--- ").Append(oldText is null ? "/dev/null" : oldLabel).Append('\n')
            .Append("+++ ").Append(newText is null ? "/dev/null" : newLabel).Append('\n');
        foreach (var (first, last) in Hunks(ops))
        {
            WriteHunk(text, ops, first, last, a, b);
        }

        return text.ToString();
    }

    /// <summary>Lines with their "\n"; the last one lacks it when the text does not end with one.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text.Substring(start, end - start));
            start = end;
        }

        return lines;
    }

    /// <summary>The edit script: each op with the number of old and new lines before it.</summary>
    private static List<(Kind Kind, int Old, int New)> Script(List<string> a, List<string> b)
    {
        var head = 0;
        while (head < a.Count && head < b.Count && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && a[a.Count - 1 - tail] == b[b.Count - 1 - tail])
        {
            tail++;
        }

        var ops = new List<(Kind, int, int)>();
        for (var i = 0; i < head; i++)
        {
            ops.Add((Kind.Equal, i, i));
        }

        var middle = Myers(a.GetRange(head, a.Count - head - tail), b.GetRange(head, b.Count - head - tail));
        var x = head;
        var y = head;
        foreach (var kind in middle)
        {
            ops.Add((kind, x, y));
            x += kind == Kind.Insert ? 0 : 1;
            y += kind == Kind.Delete ? 0 : 1;
        }

        for (var i = 0; i < tail; i++)
        {
            ops.Add((Kind.Equal, x + i, y + i));
        }

        return ops;
    }

    /// <summary>A shortest edit script, or "delete all, insert all" when it would take more than <see cref="MaxEdits"/> edits.</summary>
    private static List<Kind> Myers(List<string> a, List<string> b)
    {
        int n = a.Count, m = b.Count;
        var limit = Math.Min(n + m, MaxEdits);
        var offset = limit + 1;
        var v = new int[(2 * limit) + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= limit; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    trace.Add(v[(offset - d)..(offset + d + 1)]);
                    return Backtrack(trace, n, m);
                }
            }

            trace.Add(v[(offset - d)..(offset + d + 1)]);
        }

        var whole = new List<Kind>();
        whole.AddRange(System.Linq.Enumerable.Repeat(Kind.Delete, n));
        whole.AddRange(System.Linq.Enumerable.Repeat(Kind.Insert, m));
        return whole;
    }

    private static List<Kind> Backtrack(List<int[]> trace, int x, int y)
    {
        var reversed = new List<Kind>();
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var previous = trace[d - 1];
            int At(int k) => previous[k + d - 1];
            var k = x - y;
            var previousK = k == -d || (k != d && At(k - 1) < At(k + 1)) ? k + 1 : k - 1;
            var previousX = At(previousK);
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                reversed.Add(Kind.Equal);
                x--;
                y--;
            }

            reversed.Add(x == previousX ? Kind.Insert : Kind.Delete);
            x = previousX;
            y = previousY;
        }

        for (; x > 0 && y > 0; x--, y--)
        {
            reversed.Add(Kind.Equal);
        }

        reversed.Reverse();
        return reversed;
    }

    /// <summary>Ranges of ops to show: each change with <see cref="Context"/> lines around it, close changes merged.</summary>
    private static List<(int First, int Last)> Hunks(List<(Kind Kind, int Old, int New)> ops)
    {
        var hunks = new List<(int First, int Last)>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Kind == Kind.Equal)
            {
                continue;
            }

            var first = Math.Max(0, i - Context);
            var last = Math.Min(ops.Count - 1, i + Context);
            if (hunks.Count > 0 && first <= hunks[^1].Last + 1)
            {
                hunks[^1] = (hunks[^1].First, last);
            }
            else
            {
                hunks.Add((first, last));
            }
        }

        return hunks;
    }

    private static void WriteHunk(StringBuilder text, List<(Kind Kind, int Old, int New)> ops, int first, int last, List<string> a, List<string> b)
    {
        int oldCount = 0, newCount = 0;
        for (var i = first; i <= last; i++)
        {
            oldCount += ops[i].Kind == Kind.Insert ? 0 : 1;
            newCount += ops[i].Kind == Kind.Delete ? 0 : 1;
        }

        text.Append("@@ -").Append(Range(ops[first].Old, oldCount)).Append(" +").Append(Range(ops[first].New, newCount)).Append(" @@\n");
        for (var i = first; i <= last; i++)
        {
            var (kind, old, @new) = ops[i];
            var line = kind == Kind.Insert ? b[@new] : a[old];
            text.Append(kind switch { Kind.Delete => '-', Kind.Insert => '+', _ => ' ' }).Append(line.TrimEnd('\n')).Append('\n');
            if (!line.EndsWith('\n'))
            {
                text.Append("\\ No newline at end of file\n");
            }
        }
    }

    /// <summary>"start,count" as diff writes it: a range of no lines starts at the line before it; a count of one is left out.</summary>
    private static string Range(int before, int count)
    {
        var start = (count == 0 ? before : before + 1).ToString(CultureInfo.InvariantCulture);
        return count == 1 ? start : start + "," + count.ToString(CultureInfo.InvariantCulture);
    }
}
