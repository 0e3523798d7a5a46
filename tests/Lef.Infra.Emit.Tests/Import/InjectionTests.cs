using System.IO;
using System.Linq;
using Lef.Infra.Emit.Import;
using Xunit;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>Nothing from a live file becomes C# code, a directive, or a terminal control sequence.</summary>
public sealed class InjectionTests
{
    internal const string Interfaces = "auto ens18:1\niface ens18:1 inet static\n address 10.20.0.101/24\n";

    internal const string Zone = "$ORIGIN db.lef.\nerp A 10.20.0.101\n";

    private const string Payload = "static Endpoints() { System.IO.File.Delete(\"/etc/passwd\"); }";

    [Theory]
    [InlineData("\r")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void A_line_break_in_a_comment_directive_or_record_does_not_end_the_generated_comment(string lineBreak)
    {
        using var inputs = new TempDirectory();
        var haproxy = "# owned by the dba team" + lineBreak + Payload + "\n"
            + "listen erp\n"
            + "    bind 10.20.0.101:1433\n"
            + "    # inside" + lineBreak + "#pragma warning disable LEF0003\n"
            + "    acl x src 10.0.0.0/8" + lineBreak + Payload + "\n"
            + "    server sql1 sql-erp-01.core.lef:1433 check\n"
            + "frontend lost\n    bind 10.9.9.9:1" + lineBreak + Payload + "\n    default_backend nowhere\n";
        var zone = Zone + "txt TXT \"x" + lineBreak + Payload + "\"\n";

        var result = Importer.ImportTexts(inputs, haproxy, Interfaces + "# vip" + lineBreak + Payload + "\n", zone);

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        var files = Importer.Written(inputs);
        Assert.Contains("NotImported.cs", files.Keys);
        var (fields, problems) = GeneratedCode.Read(files);
        Assert.Empty(problems);
        Assert.Equal(["Endpoints.Erp", "Pools.ProxyCore", "Vips.Erp"], fields.Order(System.StringComparer.Ordinal));
        Assert.Contains("owned by the dba team\\", files["ProxyCore.cs"], System.StringComparison.Ordinal);
        Assert.DoesNotContain(lineBreak, result.StandardError, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Control_and_format_characters_never_reach_the_terminal_or_the_files()
    {
        using var inputs = new TempDirectory();
        var bytes = Enumerable.Range(0, 4000).Select(i => (byte)(i % 7 == 0 ? 0x1B : i % 3 == 0 ? '\n' : 'A' + (i % 26))).ToArray();
        File.WriteAllBytes(inputs.Combine("binary.cfg"), bytes);
        File.WriteAllText(inputs.Combine("interfaces"), "# \u202Eevil\u001b[2J\n" + Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), Zone);

        var result = Importer.Run(
            "--haproxy", inputs.Combine("binary.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.Equal(ImportCommand.ImportedWithWarnings, result.ExitCode);
        Assert.Contains("\\u001B", result.StandardError, System.StringComparison.Ordinal);
        foreach (var text in Importer.Written(inputs).Values.Append(result.StandardError).Append(result.StandardOutput))
        {
            Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
            Assert.DoesNotContain(text, c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        }
    }

    [Fact]
    public void A_file_with_nul_bytes_is_not_text_exits_3_and_nothing_is_written()
    {
        using var inputs = new TempDirectory();
        File.WriteAllBytes(inputs.Combine("haproxy.cfg"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 0x1B]);
        File.WriteAllText(inputs.Combine("interfaces"), Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), Zone);

        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("haproxy.cfg is not a text file (it holds NUL bytes)", result.StandardError, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(inputs.Combine("out")));
    }

    [Theory]
    [InlineData("public static partial class Pools\n{\n    public static readonly VipPool A = new(\n}\n", "X.cs:3: CS1026 ) expected")]
    [InlineData("// fine\n#pragma warning disable LEF0003\n", "X.cs: holds a directive")]
    [InlineData("/* block */\n", "X.cs: holds a directive or trivia that is not a comment")]
    public void The_writers_guard_names_generated_code_that_is_not_what_it_meant(string source, string problem)
    {
        Assert.StartsWith(problem, TopologySourceWriter.Problem(new System.Collections.Generic.Dictionary<string, string> { ["X.cs"] = source }), System.StringComparison.Ordinal);
        Assert.Null(TopologySourceWriter.Problem(new System.Collections.Generic.Dictionary<string, string> { ["Y.cs"] = "// a comment\nnamespace Topology;\n" }));
    }
}
