using System;
using System.IO;

namespace Lef.Infra.Emit.Loading;

/// <summary>
/// Where the estate is: the current directory when it holds a Topology/ folder (an estate of its own, wherever it sits);
/// otherwise the folder holding Lef.Infra.sln above it (this repository, from any folder in it), or above the tool.
/// </summary>
internal static class RepoLayout
{
    public const string Solution = "Lef.Infra.sln";

    public static string Root() =>
        Directory.Exists(Path.Combine(Environment.CurrentDirectory, "Topology")) ? Environment.CurrentDirectory
            : FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;

    /// <summary>
    /// The command that emits here, for messages that tell the user what to run: this repository runs the project, an estate
    /// of its own (the lef-estate template) runs the lef tool.
    /// </summary>
    public static string EmitCommand() =>
        File.Exists(Path.Combine(Root(), "Lef.Infra.Emit", "Lef.Infra.Emit.csproj")) ? "dotnet run --project Lef.Infra.Emit" : "dotnet lef emit";

    private static string? FindUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Solution)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
