using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Lef.Infra.Emit.Loading;

/// <summary>
/// The emitter compiles the .cs files the SDK's default compile items take (<see cref="TopologyCompilation.SourceFiles"/>),
/// which is what the Topology project builds only while it leaves those items alone. A project file that adds, removes or
/// turns them off, or moves the folders they exclude, would have the build check one set of declarations and the emitter
/// deploy another, so it is refused, never followed half-way; so is one that makes names mean other things (global usings)
/// or may add code (packages, source generators). The project files are the folder's *.csproj and their .user files, the
/// nearest Directory.Build.props, Directory.Build.targets and Directory.Packages.props from the folder up (the ones MSBuild
/// imports into it), every file they import by a plain path (an import MSBuild would have to evaluate to find is refused),
/// and the -p: properties of the nearest Directory.Build.rsp.
/// </summary>
internal static class ProjectItems
{
    private static readonly string[] DefaultItemSwitches = ["EnableDefaultCompileItems", "EnableDefaultItems"];

    private static readonly string[] AnalyzerSwitches = ["RunAnalyzers", "RunAnalyzersDuringBuild", "RunAnalyzersDuringLiveAnalysis"];

    /// <summary>
    /// Properties that change the default items whatever their value says: what they exclude, where bin/ and obj/ are
    /// (the SDK excludes those folders, wherever they are), and which extension is C#.
    /// </summary>
    private static readonly string[] Exclusions =
    [
        "DefaultItemExcludes", "DefaultItemExcludesInProjectFolder", "DefaultExcludesInProjectFolder", "BaseOutputPath",
        "BaseIntermediateOutputPath", "OutputPath", "IntermediateOutputPath", "PublishDir", "UseArtifactsOutput", "ArtifactsPath",
        "DefaultLanguageSourceExtension",
    ];

    /// <summary>An element's start tag as written, its attributes with it, for the message that quotes it.</summary>
    private static string Quoted(XElement element) =>
        "<" + element.Name.LocalName + string.Concat(element.Attributes().Select(a => " " + a.Name.LocalName + "=\"" + a.Value + "\"")) + ">";

    /// <summary>MSBuild's element names are case-insensitive: <c>&lt;compile&gt;</c> is a Compile item.</summary>
    private static bool Is(XElement element, string name) => string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>One message per setting that changes which files the build compiles, in the project files the folder's build reads.</summary>
    public static IReadOnlyList<string> Refusals(string directory, string displayRoot)
    {
        var refusals = new List<string>();
        var projects = ProjectFiles(directory).ToList();
        for (var i = 0; i < projects.Count; i++)
        {
            var project = projects[i];
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
                if (Import(element, project) is { } import)
                {
                    if (import.Path is { } path && !projects.Contains(path))
                    {
                        projects.Add(path);
                    }
                    else if (import.Path is null)
                    {
                        refusals.Add(shown + ":" + ((IXmlLineInfo)element).LineNumber + ": error: " + import.Written
                            + " imports a file the emitter cannot find without evaluating MSBuild, so it cannot check that the file leaves the compiled files alone;"
                            + " import it by a path relative to the project file, or move its settings into the project");
                    }
                }
                else if (Refusal(element) is { } refusal)
                {
                    refusals.Add(shown + ":" + ((IXmlLineInfo)element).LineNumber + ": error: " + refusal);
                }
            }
        }

        refusals.AddRange(ResponseFileRefusals(directory, displayRoot));
        return refusals;
    }

    /// <summary>What is wrong with the element, quoting it; null when it leaves the compiled code alone.</summary>
    private static string? Refusal(XElement element) =>
        Foreign(element) is { } foreign
            ? foreign + " may add code to the build (a package's files and props, a source generator), which the emitter neither restores nor runs,"
              + " so it could deploy other declarations than the build checked; Topology references Lef.Infra's packages and projects only"
        : GlobalUsing(element) is { } global
            ? global + " makes the build write global usings into obj/, which the emitter does not compile, so a name could mean one thing to the build"
              + " and another to the emitter; write the using directives in the .cs files instead"
        : OtherVersion(element) is { } other
            ? other + " builds with the records and the analyzer of another Lef.Infra than this lef-infra (" + ToolVersion + "), so the build would check"
              + " other rules than the emitter applies; give the package and the tool (.config/dotnet-tools.json) one version"
        : AnalyzersOff(element) is { } off
            ? off + " turns the analyzers off in the build and the editor, so a conflict the emitter refuses would show nowhere before it;"
              + " the LEF rules are errors while you type, so keep the analyzers on"
        : Changes(element) is { } changes
            ? changes + " changes which files the build compiles, but the emitter deploys the .cs files the SDK's default items take (bin/, obj/ and hidden folders aside),"
              + " so it would deploy other declarations than the build checked; keep the default items and move files out of the folder instead"
        : null;

    /// <summary>This lef-infra's version, as its packages carry it (<c>0.1.0</c>).</summary>
    private static readonly string ToolVersion = typeof(ProjectItems).Assembly.GetName().Version is { } version ? version.ToString(3) : "unknown";

    /// <summary>A reference to Lef.Infra's package at a plain version other than this tool's, as written; null for anything else.</summary>
    private static string? OtherVersion(XElement element) =>
        Is(element, "PackageReference") && string.Equals(element.Attribute("Include")?.Value.Trim(), "Lef.Infra.Dsl", StringComparison.OrdinalIgnoreCase)
            && element.Attribute("Version")?.Value.Trim() is { } written && Version.TryParse(written, out var version)
            && !string.Equals(version.ToString(3), ToolVersion, StringComparison.Ordinal)
            ? Quoted(element)
            : null;

    /// <summary>An MSBuild switch that turns analyzers off (any value but true), as written; null for anything else.</summary>
    private static string? AnalyzersOff(XElement element) =>
        AnalyzerSwitches.Contains(element.Name.LocalName, StringComparer.OrdinalIgnoreCase) && !string.Equals(element.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            ? "<" + element.Name.LocalName + ">" + element.Value.Trim() + "</" + element.Name.LocalName + ">"
            : null;

    /// <summary>A package, analyzer or analyzer project that is not Lef.Infra's own, as written; null for anything else.</summary>
    private static string? Foreign(XElement element)
    {
        var include = element.Attribute("Include")?.Value.Trim() ?? string.Empty;
        var foreign = Is(element, "PackageReference") ? !include.StartsWith("Lef.Infra.", StringComparison.OrdinalIgnoreCase)
            : Is(element, "Analyzer") ? !Path.GetFileName(include.Replace('\\', '/')).StartsWith("Lef.Infra.Analyzers", StringComparison.OrdinalIgnoreCase)
            : Is(element, "ProjectReference") && string.Equals(element.Attribute("OutputItemType")?.Value.Trim(), "Analyzer", StringComparison.OrdinalIgnoreCase)
                && !Path.GetFileName(include.Replace('\\', '/')).StartsWith("Lef.Infra.Analyzers", StringComparison.OrdinalIgnoreCase);
        return foreign ? Quoted(element) : null;
    }

    /// <summary>A <c>&lt;Using&gt;</c> item, or implicit usings turned on, as written; null for anything else.</summary>
    private static string? GlobalUsing(XElement element) =>
        Is(element, "Using") ? Quoted(element)
        // The SDK turns them on for "enable" or "true" in any case; a property it would have to evaluate may be either.
        : Is(element, "ImplicitUsings") && (element.Value.Trim().ToLowerInvariant() is "enable" or "true" || element.Value.Contains('$', StringComparison.Ordinal))
            ? "<" + element.Name.LocalName + ">" + element.Value.Trim() + "</" + element.Name.LocalName + ">"
        : null;

    /// <summary>The element as written, when it changes the set of compiled files; <c>Compile Update</c> only changes metadata.</summary>
    private static string? Changes(XElement element)
    {
        var name = element.Name.LocalName;
        if (Is(element, "Output") && string.Equals(element.Attribute("ItemName")?.Value.Trim(), "Compile", StringComparison.OrdinalIgnoreCase))
        {
            // A task's output added to the Compile items, in a target: <CreateItem ...><Output ItemName="Compile" /></CreateItem>.
            return Quoted(element);
        }

        if (Is(element, "Compile"))
        {
            return element.Attribute("Update") is not null && element.Attribute("Include") is null && element.Attribute("Remove") is null
                ? null
                : Quoted(element);
        }

        var turnedOff = DefaultItemSwitches.Contains(name, StringComparer.OrdinalIgnoreCase) && !string.Equals(element.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return turnedOff || Exclusions.Contains(name, StringComparer.OrdinalIgnoreCase) ? "<" + name + ">" + element.Value.Trim() + "</" + name + ">" : null;
    }

    /// <summary>
    /// An <c>&lt;Import&gt;</c> of a file by its own path: the path when it is written plainly (the file is then checked too), a
    /// null path when MSBuild would have to evaluate it. Null for anything else, for the SDK's own imports and for a file
    /// that is not there.
    /// </summary>
    private static (string? Path, string Written)? Import(XElement element, string project)
    {
        if (!Is(element, "Import") || element.Attribute("Sdk") is not null)
        {
            return null;
        }

        var written = "<Import Project=\"" + element.Attribute("Project")?.Value + "\">";
        var path = element.Attribute("Project")?.Value.Trim() ?? string.Empty;
        if (path.Length == 0 || path.Contains('$') || path.Contains('*') || path.Contains('?') || path.Contains('%') || path.Contains(';'))
        {
            return (null, written);
        }

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, path.Replace('\\', '/')));
        // A file that is not there imports nothing: MSBuild fails, or its Condition skips it.
        return File.Exists(full) ? (full, written) : null;
    }

    /// <summary>
    /// The folder's projects and their <c>.user</c> files, then the files MSBuild would import into them from the folder up
    /// (the nearest of each): Directory.Build.props and .targets, and Directory.Packages.props, which the SDK imports too.
    /// </summary>
    private static IEnumerable<string> ProjectFiles(string directory)
    {
        var projects = Directory.EnumerateFiles(directory, "*.csproj").Order(StringComparer.Ordinal).ToList();
        var imported = new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" }
            .Select(name => Nearest(Path.GetFullPath(directory), name))
            .OfType<string>();
        return projects.SelectMany(project => new[] { project, project + ".user" }).Where(File.Exists).Concat(imported);
    }

    /// <summary>
    /// The properties the nearest Directory.Build.rsp sets on every build's command line (<c>-p:Name=Value</c>), each
    /// checked as a property of a project file; the other switches change nothing the emitter reads.
    /// </summary>
    private static IEnumerable<string> ResponseFileRefusals(string directory, string displayRoot)
    {
        if (Nearest(Path.GetFullPath(directory), "Directory.Build.rsp") is not { } file)
        {
            yield break;
        }

        var lines = File.ReadAllLines(file);
        for (var line = 0; line < lines.Length; line++)
        {
            foreach (System.Text.RegularExpressions.Match property in System.Text.RegularExpressions.Regex.Matches(lines[line], @"(?:^|\s)[-/](?:p|property):(\S+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                foreach (var setting in property.Groups[1].Value.Trim('"').Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    var (name, value) = setting.IndexOf('=') is var equals and > 0 ? (setting[..equals], setting[(equals + 1)..]) : (setting, string.Empty);
                    if (System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_-]*$") && Refusal(new XElement(name, value)) is { } refusal)
                    {
                        yield return Path.GetRelativePath(displayRoot, file).Replace('\\', '/') + ":" + (line + 1) + ": error: -p:" + setting + ": " + refusal;
                    }
                }
            }
        }
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
