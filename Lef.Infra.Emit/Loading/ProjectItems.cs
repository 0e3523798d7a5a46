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
/// check one set of declarations and the emitter deploy another, so it is refused, never followed half-way.
/// </summary>
internal static class ProjectItems
{
    private static readonly string[] DefaultItemSwitches = ["EnableDefaultCompileItems", "EnableDefaultItems"];

    /// <summary>One message per setting that changes which files the build compiles, in the project files at the folder's top.</summary>
    public static IReadOnlyList<string> Refusals(string directory, string displayRoot)
    {
        var refusals = new List<string>();
        foreach (var project in Directory.EnumerateFiles(directory, "*.csproj").Order(StringComparer.Ordinal))
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
                var name = element.Name.LocalName;
                var changes = name == "Compile"
                    ? "<Compile" + string.Concat(element.Attributes().Select(a => " " + a.Name.LocalName + "=\"" + a.Value + "\"")) + ">"
                    : DefaultItemSwitches.Contains(name, StringComparer.Ordinal) && !string.Equals(element.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)
                        ? "<" + name + ">" + element.Value.Trim() + "</" + name + ">"
                        : null;
                if (changes is not null)
                {
                    refusals.Add(shown + ":" + ((IXmlLineInfo)element).LineNumber + ": error: " + changes
                        + " changes which files the build compiles, but the emitter deploys every .cs file under the folder (bin/ and obj/ aside),"
                        + " so it would deploy other declarations than the build checked; keep the default items and move files out of the folder instead");
                }
            }
        }

        return refusals;
    }
}
