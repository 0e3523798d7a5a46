using System;
using System.IO;

namespace Lef.Infra.Emit.Loading;

/// <summary>Where the repository is: the folder holding Lef.Infra.sln, above the current directory (or, failing that, above the tool).</summary>
internal static class RepoLayout
{
    public const string Solution = "Lef.Infra.sln";

    public static string Root() =>
        FindUp(Environment.CurrentDirectory) ?? FindUp(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;

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
