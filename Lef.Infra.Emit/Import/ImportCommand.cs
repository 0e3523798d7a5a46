using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Emit.Import;

/// <summary>
/// <c>lef-infra import</c>: reads a live proxy's haproxy.cfg, interfaces and zone, and writes Topology C# for it. Building
/// the result runs the analyzer over the live estate: that is the audit.
/// </summary>
internal static class ImportCommand
{
    // The emitter's codes where the meaning is shared (3: an input cannot be loaded, 4: bad arguments); 6 is import's own (5 is verify's failed check).
    public const int Imported = 0;
    public const int CannotRead = 3;
    public const int BadArguments = Cli.Usage;
    public const int ImportedWithWarnings = 6;

    public const string DefaultHost = "proxy.core.lef";

    private const string ExitCodes =
        "Exit codes: 0 everything was imported; 3 an input file cannot be read (nothing written); 4 bad arguments, e.g. --out already "
        + "holds .cs files (nothing written); 6 files written, but some parts need a decision (warnings, TODO(import) comments).";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var haproxy = new Option<string[]>("--haproxy")
        {
            Description = "A live haproxy.cfg, as [HOST=]FILE (HOST defaults to --host). Repeat it for several proxy hosts.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var interfaces = new Option<string[]>("--interfaces")
        {
            Description = "An ifupdown interfaces file holding the VIP aliases, as [HOST=]FILE. Repeat it for sourced files and other hosts.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var zone = new Option<string[]>("--zone")
        {
            Description = "The " + ZoneWriter.Origin + " zone file (master format). With split-horizon DNS, one per view as VIEW=FILE "
                + "(files the emitter wrote name their view themselves).",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var namedConf = new Option<string?>("--named-conf") { Description = "named.conf (or the fragment) declaring the views: their match-clients." };
        var addressMap = new Option<string?>("--address-map")
        {
            Description = "The emitter's docs/" + AddressMapWriter.FileName + ": documented pool ranges and pool names.",
        };
        var origin = new Option<string>("--origin")
        {
            Description = "The origin zone files are loaded with, as named.conf names the zone, until a $ORIGIN line changes it.",
            DefaultValueFactory = _ => ZoneWriter.Origin,
        };
        var host = new Option<string>("--host") { Description = "The proxy host of files given without HOST=.", DefaultValueFactory = _ => DefaultHost };
        var outDirectory = new Option<string>("--out") { Description = "Folder to write the Topology .cs files to; must hold none yet.", DefaultValueFactory = _ => "imported" };
        var poolFirst = new Option<string[]>("--pool-first") { Description = "First address of the pool holding it, instead of the lowest imported VIP. Repeatable." };
        var poolLast = new Option<string[]>("--pool-last") { Description = "Last address of the pool holding it, instead of the highest imported VIP. Repeatable." };

        var command = new Command("import", "Write Topology C# for a live proxy (haproxy.cfg + interfaces + zone); build it to audit the estate. " + ExitCodes)
        {
            haproxy, interfaces, zone, namedConf, addressMap, origin, host, outDirectory, poolFirst, poolLast,
        };
        command.SetAction(parse => Run(
            new ImportRequest(
                parse.GetValue(haproxy)!.Select(v => NamedFile.Parse(v, parse.GetValue(host)!)).ToList(),
                parse.GetValue(interfaces)!.Select(v => NamedFile.Parse(v, parse.GetValue(host)!)).ToList(),
                parse.GetValue(zone)!.Select(v => NamedFile.Parse(v, null)).ToList(),
                parse.GetValue(namedConf),
                parse.GetValue(addressMap),
                parse.GetValue(origin)!,
                parse.GetValue(outDirectory)!,
                new PoolRange(parse.GetValue(poolFirst) ?? [], parse.GetValue(poolLast) ?? [])),
            output,
            errors));
        return command;
    }

    private static int Run(ImportRequest request, TextWriter output, TextWriter errors)
    {
        var paths = request.Haproxy.Concat(request.Interfaces).Concat(request.Zones).Select(f => f.Path)
            .Concat(new[] { request.NamedConf, request.AddressMap }.OfType<string>())
            .Distinct()
            .ToList();
        var display = DisplayNames(paths);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                texts[path] = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine("error: cannot read " + path + ": " + e.Message + " Nothing was written.");
                return CannotRead;
            }
        }

        if (Directory.Exists(request.Out) && Directory.EnumerateFiles(request.Out, "*.cs", SearchOption.AllDirectories).FirstOrDefault() is { } existing)
        {
            return Refuse(errors, request.Out + " already holds " + Path.GetRelativePath(request.Out, existing) + "; import into an empty folder, then move the files into Topology/");
        }

        var findings = new List<ImportFinding>();
        var listens = new List<HaproxyListen>();
        foreach (var file in request.Haproxy)
        {
            var (sections, parseFindings) = HaproxyConfigParser.Parse(display[file.Path], texts[file.Path]);
            var (read, readFindings) = HaproxyListenReader.Read(file.Name!, sections);
            listens.AddRange(read);
            findings.AddRange(parseFindings);
            findings.AddRange(readFindings);
        }

        var aliases = new List<AliasStanza>();
        foreach (var file in request.Interfaces)
        {
            var (read, readFindings) = InterfacesParser.Parse(display[file.Path], file.Name!, texts[file.Path]);
            aliases.AddRange(read);
            findings.AddRange(readFindings);
        }

        var zones = request.Zones.Select(f => (f.Name, ZoneParser.Parse(display[f.Path], ZoneWriter.Origin, texts[f.Path], request.Origin))).ToList();
        findings.AddRange(zones.SelectMany(z => z.Item2.Findings));
        var namedConf = request.NamedConf is { } conf ? NamedConfParser.Parse(display[conf], texts[conf]) : [];
        var (views, records, viewError) = ZoneViews.Decide(zones, namedConf);
        if (viewError is not null)
        {
            return Refuse(errors, viewError);
        }

        IReadOnlyList<AddressMapPool> addressMap = [];
        if (request.AddressMap is { } mapPath)
        {
            var (pools, mapError) = AddressMapReader.Read(texts[mapPath]);
            if (pools is null)
            {
                return Refuse(errors, display[mapPath] + " is not an address map: " + mapError);
            }

            addressMap = pools;
        }

        var sources = paths.Select(p => display[p]).ToList();
        var (estate, error) = EstateImport.Map(listens, aliases, records, views, addressMap, findings, sources, request.PoolRange);
        if (estate is null)
        {
            return Refuse(errors, error!);
        }

        var files = TopologySourceWriter.Write(estate);
        Directory.CreateDirectory(request.Out);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(request.Out, name), content, Utf8NoBom);
        }

        foreach (var finding in estate.Findings)
        {
            errors.WriteLine(finding);
        }

        var warnings = estate.Findings.Count(f => f.Kind == FindingKind.Warning);
        var notes = estate.Findings.Count - warnings;
        output.WriteLine("imported " + estate.Pools.Count + " pool(s), " + estate.Pools.Sum(p => p.Vips.Count) + " VIP(s), "
            + estate.Pools.Sum(p => p.Endpoints.Count) + " endpoint(s), " + estate.Views.Count + " DNS view(s) into " + request.Out + ": " + string.Join(", ", files.Keys));
        output.WriteLine(warnings == 0
            ? "nothing needs a decision (" + notes + " note(s) on settings Lef.Infra writes its own way)"
            : warnings + " warning(s) need a decision (TODO(import) comments in the files), " + notes + " note(s)");
        output.WriteLine("next: build the files with the analyzer (copy them into Topology/ and run `dotnet build Topology`): every conflict in the live estate is an error there");
        return warnings == 0 ? Imported : ImportedWithWarnings;
    }

    private static int Refuse(TextWriter errors, string message)
    {
        errors.WriteLine("error: " + message + ". Nothing was written.");
        return BadArguments;
    }

    /// <summary>File names as findings show them: bare names, or every path as given when two inputs share a name.</summary>
    private static Dictionary<string, string> DisplayNames(IReadOnlyList<string> paths)
    {
        var bare = paths.Select(Path.GetFileName).Distinct().Count() == paths.Count;
        return paths.ToDictionary(p => p, p => bare ? Path.GetFileName(p) : p.Replace('\\', '/'), StringComparer.Ordinal);
    }

    private sealed record ImportRequest(
        IReadOnlyList<NamedFile> Haproxy,
        IReadOnlyList<NamedFile> Interfaces,
        IReadOnlyList<NamedFile> Zones,
        string? NamedConf,
        string? AddressMap,
        string Origin,
        string Out,
        PoolRange PoolRange);

    /// <summary>A <c>[NAME=]FILE</c> argument: a proxy host for haproxy.cfg and interfaces files, a DNS view for zone files.</summary>
    private sealed record NamedFile(string? Name, string Path)
    {
        public static NamedFile Parse(string value, string? defaultName)
        {
            var equals = value.IndexOf('=');
            return equals > 0 && !value[..equals].Contains('/', StringComparison.Ordinal)
                ? new NamedFile(value[..equals], value[(equals + 1)..])
                : new NamedFile(defaultName, value);
        }
    }
}
