using System;
using System.IO;

namespace Lef.Infra.Testing;

/// <summary>Folders of this repository, found from the test's own location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Topology => Path.Combine(Root, "Topology");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lef.Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lef.Infra.sln not found above " + AppContext.BaseDirectory);
    }
}
