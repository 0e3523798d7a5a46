using System;
using System.IO;
using System.Linq;
using System.Text;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>The diff `emit --check` and `diff` print: the same hunks as GNU diff -u, and patch applies it exactly.</summary>
public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_give_no_diff() => Assert.Equal(string.Empty, UnifiedDiff.Write("a\n", "a\n", "old", "new"));

    [Theory]
    [InlineData("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n")]
    [InlineData("one\ntwo\nthree\n", "one\ntwo\nthree")]
    [InlineData("one\n", "zero\none\n")]
    [InlineData("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n", "1\n2\nX\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\nY\n19\n20\n")]
    public void Hunks_match_gnu_diff(string oldText, string newText)
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("old"), oldText);
        File.WriteAllText(folder.Combine("new"), newText);
        var gnu = Tool.Run("diff", "-u", folder.Combine("old"), folder.Combine("new"));
        Assert.Equal(1, gnu.ExitCode);

        var ours = UnifiedDiff.Write(oldText, newText, "old", "new");

        Assert.Equal(Body(gnu.StandardOutput), Body(ours));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Patch_turns_the_old_text_into_the_new_one(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var oldText = RandomText(random);
            var newText = random.Next(4) == 0 ? RandomText(random) : Mutate(random, oldText);
            AssertPatchRoundTrip(oldText, newText);
        }
    }

    [Fact]
    public void A_change_too_large_for_the_edit_bound_is_still_an_exact_diff()
    {
        var oldText = string.Concat(Enumerable.Range(0, 3000).Select(i => "old " + i + "\n"));
        var newText = string.Concat(Enumerable.Range(0, 3000).Select(i => "new " + i + "\n"));
        AssertPatchRoundTrip("same\n" + oldText + "same\n", "same\n" + newText + "same\n");
    }

    [Fact]
    public void A_new_or_removed_file_is_diffed_against_dev_null()
    {
        Assert.StartsWith("--- /dev/null\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Write(null, "a\nb\n", "old", "new"));
        Assert.StartsWith("--- old\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.Write("a\n", null, "old", "new"));
    }

    private static void AssertPatchRoundTrip(string oldText, string newText)
    {
        using var folder = new TempDirectory();
        var file = folder.Combine("file");
        File.WriteAllText(file, oldText);
        File.WriteAllText(folder.Combine("file.patch"), UnifiedDiff.Write(oldText, newText, "a/file", "b/file"));

        var patch = Tool.Run("patch", "-p1", "-d", folder.Path, "-i", "file.patch", "--no-backup-if-mismatch");

        Assert.True(patch.ExitCode == 0, patch.Output + "\n" + File.ReadAllText(folder.Combine("file.patch")));
        Assert.Equal(newText, File.ReadAllText(file));
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var lines = random.Next(0, 30);
        for (var i = 0; i < lines; i++)
        {
            text.Append((char)('a' + random.Next(5))).Append('\n');
        }

        if (random.Next(3) == 0)
        {
            text.Append("tail");
        }

        return text.Length == 0 ? "x\n" : text.ToString();
    }

    private static string Mutate(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(3))
            {
                case 0: lines.Insert(at, "new" + random.Next(100)); break;
                case 1 when lines.Count > 1: lines.RemoveAt(at); break;
                default: lines[at] = "changed" + random.Next(100); break;
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The hunks, without the two header lines (GNU diff puts file times there).</summary>
    private static string Body(string diff) => string.Join('\n', diff.Split('\n').Skip(2));
}
