extern alias analyzers;

using System;
using System.Linq;
using System.Threading;
using Xunit;
using DslSymbols = analyzers::Lef.Infra.Analyzers.DslSymbols;
using SourceReader = analyzers::Lef.Infra.Analyzers.TopologySourceReader;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The rules and writers see every kind of declaration in key order, whatever order the files and fields are in. The
/// analyzer sorts each file's declarations (only when they are not already in order) and hands the model the files' runs
/// as they are when each starts after the last one ended; anywhere else the model sorts them all.
/// </summary>
public sealed class ModelOrderTests
{
    [Theory]
    // Each file in key order, the files too: the runs are taken as they are.
    [InlineData("A", new[] { "Vip1", "Vip2" }, "B", new[] { "Vip3", "Vip4" })]
    // The files in reverse key order: the model sorts.
    [InlineData("Zeta", new[] { "Vip1", "Vip2" }, "Alpha", new[] { "Vip3", "Vip4" })]
    // One (partial) class over two files whose keys interleave: the model sorts.
    [InlineData("Vips", new[] { "B", "D" }, "Vips", new[] { "A", "C" })]
    // Fields written out of key order within a file: that file is sorted first.
    [InlineData("A", new[] { "Vip9", "Vip1", "Vip5" }, "B", new[] { "Vip4", "Vip0" })]
    public void Declarations_are_in_key_order_whatever_order_they_are_written_in(string firstClass, string[] firstFields, string secondClass, string[] secondFields)
    {
        var alias = 0;
        string File(string type, string[] fields) =>
            "using Lef.Infra.Dsl;\nnamespace Topology;\npublic static partial class " + type + "\n{\n"
            + string.Concat(fields.Select(f => "    public static readonly Vip " + f + " = new(Pool: Pools.Core, Address: \"10.20.0." + (110 + ++alias) + "\", Alias: " + alias + ");\n"))
            + "}\n";
        var compilation = Analysis.Compile(("/src/Pools.cs", Verify.Pools), ("/src/1.cs", File(firstClass, firstFields)), ("/src/2.cs", File(secondClass, secondFields)));

        var (model, violations) = SourceReader.Read(compilation, DslSymbols.TryCreate(compilation)!, CancellationToken.None);

        Assert.Empty(violations);
        var keys = model.Vips.Select(v => v.Key).ToList();
        var expected = firstFields.Select(f => "Topology." + firstClass + "." + f)
            .Concat(secondFields.Select(f => "Topology." + secondClass + "." + f))
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, keys);
    }
}
