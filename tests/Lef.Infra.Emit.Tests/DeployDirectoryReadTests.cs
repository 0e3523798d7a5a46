using System.IO;
using System.Text;
using Lef.Infra.Emit.Deployment;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// DeployDirectory.ReadAll decodes a file in one go instead of through a reader: what it reads must be exactly what
/// File.ReadAllText gives, byte order marks, non-ASCII and broken UTF-8 included (the diff and the zone serials depend on it).
/// </summary>
public sealed class DeployDirectoryReadTests
{
    public static TheoryData<string, byte[]> Files => new()
    {
        { "plain", Encoding.UTF8.GetBytes("listen erp\n    bind 10.20.0.10:5432\n") },
        { "non-ascii", Encoding.UTF8.GetBytes("; zone for ünïcode — ok\n") },
        { "utf8-bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a\n")] },
        { "utf16-bom", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a\n")] },
        { "broken-utf8", [0x61, 0xC3, 0x28, 0xFF, 0x0A] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_reads_as_File_ReadAllText_reads_it(string name, byte[] content)
    {
        using var deploy = new TempDirectory();
        var file = deploy.Combine(name + ".txt");
        File.WriteAllBytes(file, content);

        var read = DeployDirectory.ReadAll(deploy.Path)[name + ".txt"];

        Assert.Equal(File.ReadAllText(file, new UTF8Encoding(false)), read);
    }
}
