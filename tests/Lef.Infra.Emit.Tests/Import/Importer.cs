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
}
