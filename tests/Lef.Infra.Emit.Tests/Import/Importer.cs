using System.Collections.Generic;
using System.IO;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Testing;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>Runs `lef-infra import` in-process and reads what it wrote.</summary>
internal static class Importer
{
    public static string Fixture(string folder, string file) =>
        Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.Emit.Tests", "Import", "Fixtures", folder, file);

    public static ToolResult Run(params string[] args) => Emitter.Run(["import", .. args]);

    /// <summary>Imports one fixture folder (haproxy.cfg, interfaces, db.lef.zone) into <paramref name="outDirectory"/>.</summary>
    public static ToolResult ImportFixture(string folder, string outDirectory, params string[] extra) =>
        Run([
            "--haproxy", Fixture(folder, "haproxy.cfg"), "--interfaces", Fixture(folder, "interfaces"), "--zone", Fixture(folder, "db.lef.zone"),
            "--out", outDirectory, .. extra,
        ]);

    public static IReadOnlyDictionary<string, string> Files(string directory) => DeployDirectory.ReadAll(directory);

    /// <summary>Writes the three live files into <paramref name="inputs"/> and imports them into its <c>out</c> folder.</summary>
    public static ToolResult ImportTexts(TempDirectory inputs, string haproxy, string interfaces, string zone, params string[] extra)
    {
        File.WriteAllText(inputs.Combine("haproxy.cfg"), haproxy);
        File.WriteAllText(inputs.Combine("interfaces"), interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), zone);
        return Run([
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"),
            "--out", inputs.Combine("out"), .. extra,
        ]);
    }

    /// <summary>The files <see cref="ImportTexts"/> wrote, none when it wrote none.</summary>
    public static IReadOnlyDictionary<string, string> Written(TempDirectory inputs) =>
        Directory.Exists(inputs.Combine("out")) ? Files(inputs.Combine("out")) : new Dictionary<string, string>();
}
