using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Lef.Infra.Emit.Loading;

/// <summary>
/// The emitter compiles every .cs file under the Topology folder, which is what its project builds only while the project
/// leaves the SDK's default compile items alone. A project file that adds, removes or turns them off would have the build
/// check one set of declarations and the emitter deploy another, so it is refused, never followed half-way. The project
/// files are the folder's *.csproj and the Directory.Build.props and Directory.Build.targets MSBuild imports into it: the
/// nearest of each, from the folder up.
/// </summary>
internal static class ProjectItems
{
    private static readonly string[] DefaultItemSwitches = ["EnableDefaultCompileItems", "EnableDefaultItems"];

    /// <summary>Properties that exclude files from the default items whatever their value says.</summary>
    private static readonly string[] Exclusions = ["DefaultItemExcludes", "DefaultItemExcludesInProjectFolder"];

    /// <summary>One message per setting that changes which files the build compiles, in the project files the folder's build reads.</summary>
    public static IReadOnlyList<string> Refusals(string directory, string displayRoot)
    {
        var refusals = new List<string>();
        foreach (var project in ProjectFiles(directory))
        {
            var shown = Path.GetRelativePath(displayRoot, project).Replace('\\', '/');
            XDocument document;
            try
            {
                document = XDocument.Load(project, LoadOptions.SetLineInfo);
            }
            catch (XmlException malformed)
            {
                refusals.Add(shown + ":" + malformed.LineNumber + ": error: the project file is not well-formed XML (" + malformed.Message + ")");
                continue;
            }

            foreach (var element in document.Descendants())
            {
                if (Changes(element) is { } changes)
                {
                    refusals.Add(shown + ":" + ((IXmlLineInfo)element).LineNumber + ": error: " + changes
                        + " changes which files the build compiles, but the emitter deploys every .cs file under the folder (bin/ and obj/ aside),"
                        + " so it would deploy other declarations than the build checked; keep the default items and move files out of the folder instead");
                }
            }
        }

        return refusals;
    }

    /// <summary>The element as written, when it changes the set of compiled files; <c>Compile Update</c> only changes metadata.</summary>
    private static string? Changes(XElement element)
    {
        var name = element.Name.LocalName;
        if (name == "Compile")
        {
            return element.Attribute("Update") is not null && element.Attribute("Include") is null && element.Attribute("Remove") is null
                ? null
                : "<Compile" + string.Concat(element.Attributes().Select(a => " " + a.Name.LocalName + "=\"" + a.Value + "\"")) + ">";
        }

        var turnedOff = DefaultItemSwitches.Contains(name, StringComparer.Ordinal) && !string.Equals(element.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return turnedOff || Exclusions.Contains(name, StringComparer.Ordinal) ? "<" + name + ">" + element.Value.Trim() + "</" + name + ">" : null;
    }

    /// <summary>The folder's projects, then the Directory.Build.props and .targets MSBuild would import (the nearest of each, from the folder up).</summary>
    private static IEnumerable<string> ProjectFiles(string directory)
    {
        var projects = Directory.EnumerateFiles(directory, "*.csproj").Order(StringComparer.Ordinal).ToList();
        var imported = new[] { "Directory.Build.props", "Directory.Build.targets" }
            .Select(name => Nearest(Path.GetFullPath(directory), name))
            .OfType<string>();
        return projects.Concat(imported);
    }

    private static string? Nearest(string directory, string name)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
