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

    private static readonly ExitCode[] ExitCodes =
    [
        new(Imported, "everything was imported"),
        new(CannotRead, "an input cannot be read (missing, a folder, over 16 MiB, binary, or read otherwise than the live program reads it: "
            + "an .if it cannot evaluate, an $INCLUDE loop, a zone's unbalanced parentheses, an acl MatchClients cannot hold; nothing written)"),
        new(BadArguments, "bad arguments, e.g. --out already holds .cs files, a pool range in no pool, a malformed --address-map (nothing written)"),
        new(ImportedWithWarnings, "files written, but some parts need a decision (warnings, TODO(import) comments)"),
        Cli.UnexpectedFailure,
    ];

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var haproxy = new Option<string[]>("--haproxy")
        {
            Description = "A live haproxy.cfg, as [HOST=]FILE (HOST defaults to --host), or a folder of *.cfg files as `haproxy -f DIR` reads it. "
                + "Files of one host are one configuration, read in the order given, as `haproxy -f a -f b`. Repeat it for several files and hosts.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var interfaces = new Option<string[]>("--interfaces")
        {
            Description = "An ifupdown interfaces file holding the VIP aliases, as [HOST=]FILE. Repeat it for the files it sources (in the order ifupdown reads them, the main file first) and for other hosts. "
                + "Needed unless every VIP is a pair's (--keepalived).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var zone = new Option<string[]>("--zone")
        {
            Description = "The " + ZoneWriter.Origin + " zone file (master format). With split-horizon DNS, one per view as VIEW=FILE "
                + "(files the emitter wrote name their view themselves).",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var keepalived = new Option<string[]>("--keepalived")
        {
            Description = "A node's keepalived.conf, as HOST=FILE, for VIPs a pair of proxies shares through VRRP; give both nodes' files. "
                + "Its includes are followed, relative to the including file.",
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
        var haproxyEnvironment = new Option<string[]>("--haproxy-env")
        {
            Description = "NAME=VALUE: a variable of the haproxy process's environment, for `.if defined(NAME)`, `\"$NAME\"` and the like. "
                + "A variable not given is not set. Repeatable.",
        };
        var haproxyVersion = new Option<string>("--haproxy-version")
        {
            Description = "The live HAProxy's version, for `.if version_atleast(...)`.",
            DefaultValueFactory = _ => HaproxyConfigParser.DefaultVersion,
        };

        var command = new Command("import", "Write Topology C# for a live proxy (haproxy.cfg + interfaces + zone); build it to audit the estate.")
        {
            haproxy, interfaces, zone, keepalived, namedConf, addressMap, origin, host, outDirectory, poolFirst, poolLast, haproxyEnvironment, haproxyVersion,
        }.WithExitCodes(ExitCodes);
        command.SetAction(parse => Run(
            new ImportRequest(
                parse.GetValue(haproxy)!.Select(v => NamedFile.Parse(v, parse.GetValue(host)!)).ToList(),
                (parse.GetValue(interfaces) ?? []).Select(v => NamedFile.Parse(v, parse.GetValue(host)!)).ToList(),
                parse.GetValue(zone)!.Select(v => NamedFile.Parse(v, null)).ToList(),
                parse.GetValue(namedConf),
                parse.GetValue(addressMap),
                parse.GetValue(origin)!,
                parse.GetValue(outDirectory)!,
                new PoolRange(parse.GetValue(poolFirst) ?? [], parse.GetValue(poolLast) ?? []),
                parse.GetValue(haproxyEnvironment) ?? [],
                parse.GetValue(haproxyVersion)!)
            {
                Keepalived = (parse.GetValue(keepalived) ?? []).Select(v => NamedFile.Parse(v, null)).ToList(),
            },
            output,
            errors));
        return command;
    }

    /// <summary>Inputs larger than this are refused: a live config is kilobytes, and the whole text and its findings are held in memory.</summary>
    public const long MaxInputBytes = 16L * 1024 * 1024;

    private static int Run(ImportRequest request, TextWriter output, TextWriter errors)
    {
        var (expanded, folderError) = ExpandHaproxyFolders(request.Haproxy);
        if (expanded is null)
        {
            return CannotReadInput(errors, folderError!);
        }

        request = request with { Haproxy = expanded };
        if (request.Interfaces.Count == 0 && request.Keepalived.Count == 0)
        {
            return Refuse(errors, "no file holds the VIPs: give --interfaces (a host's ifupdown aliases) or --keepalived (a pair's), or both");
        }

        if (request.Keepalived.FirstOrDefault(f => f.Name is null) is { } unnamed)
        {
            return Refuse(errors, "--keepalived " + unnamed.Path + " names no node: give it as HOST=FILE (the proxy host the file is from)");
        }

        var paths = request.Inputs.Select(f => f.Path)
            .Concat(new[] { request.NamedConf, request.AddressMap }.OfType<string>())
            .Distinct()
            .ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var (text, readError) = ReadInput(path);
            if (text is null)
            {
                return CannotReadInput(errors, readError!);
            }

            texts[path] = text;
        }

        if (Directory.Exists(request.Out) && Directory.EnumerateFiles(request.Out, "*.cs", SearchOption.AllDirectories).FirstOrDefault() is { } existing)
        {
            return Refuse(errors, request.Out + " already holds " + Path.GetRelativePath(request.Out, existing) + "; import into an empty folder, then move the files into Topology/");
        }

        var outcome = Translate(request, texts, ReadInput);
        if (outcome.Estate is null)
        {
            foreach (var error in outcome.Errors)
            {
                errors.WriteLine(InertText.Line(error.ToString()));
            }

            if (outcome.Errors.Count > 0)
            {
                errors.WriteLine(InertText.Line("error: " + outcome.Error + ". Nothing was written."));
                return CannotRead;
            }

            return Refuse(errors, outcome.Error!);
        }

        var estate = outcome.Estate;
        var files = outcome.Files!;
        Directory.CreateDirectory(request.Out);
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(request.Out, name), content, Utf8NoBom);
        }

        // Buffered: an estate can have hundreds of thousands of findings, and the terminal is flushed on every write.
        var report = new StringBuilder();
        foreach (var finding in estate.Findings)
        {
            report.Append(InertText.Line(finding.ToString())).Append('\n');
            if (report.Length > 1 << 16)
            {
                errors.Write(report.ToString());
                report.Clear();
            }
        }

        errors.Write(report.ToString());

        var warnings = estate.Findings.Count(f => f.Kind == FindingKind.Warning);
        var notes = estate.Findings.Count - warnings;
        output.WriteLine(InertText.Line("imported " + estate.Pools.Count + " pool(s), " + estate.Pools.Sum(p => p.Vips.Count) + " VIP(s), "
            + estate.Pools.Sum(p => p.Endpoints.Count) + " endpoint(s), " + estate.Views.Count + " DNS view(s) into " + request.Out + ": " + string.Join(", ", files.Keys)));
        output.WriteLine(warnings == 0
            ? "nothing needs a decision (" + notes + " note(s) on settings Lef.Infra writes its own way)"
            : warnings + " warning(s) need a decision (TODO(import) comments in the files), " + notes + " note(s)");
        output.WriteLine("next: build the files with the analyzer (copy them into Topology/ and run `dotnet build Topology`): every conflict in the live estate is an error there");
        return warnings == 0 ? Imported : ImportedWithWarnings;
    }

    /// <summary>
    /// The import itself, from the inputs' texts to the files to write: no file is read here except through
    /// <paramref name="readInclude"/>, and none is written.
    /// </summary>
    /// <param name="texts">Each input path's content.</param>
    /// <param name="readInclude">Reads a file a zone's <c>$INCLUDE</c> names: its text, or why not.</param>
    internal static ImportOutcome Translate(ImportRequest request, IReadOnlyDictionary<string, string> texts, Func<string, (string? Text, string? Error)> readInclude)
    {
        var paths = request.Inputs.Select(f => f.Path)
            .Concat(new[] { request.NamedConf, request.AddressMap }.OfType<string>())
            .Distinct()
            .ToList();
        var display = DisplayNames(paths);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in request.HaproxyEnvironment)
        {
            var equals = variable.IndexOf('=');
            var name = equals < 0 ? variable : variable[..equals];
            if (equals < 0 || name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return ImportOutcome.Refused("--haproxy-env `" + variable + "` is not NAME=VALUE (a name of letters, digits and _)");
            }

            environment[name] = variable[(equals + 1)..];
        }

        try
        {
            _ = HaproxyCondition.CompareVersions(request.HaproxyVersion, "0");
        }
        catch (FormatException)
        {
            return ImportOutcome.Refused("--haproxy-version `" + request.HaproxyVersion + "` is not a version such as 2.6.12");
        }

        var findings = new List<ImportFinding>();
        var instances = new List<VrrpInstance>();
        foreach (var file in request.Keepalived)
        {
            var (read, readFindings) = KeepalivedParser.Parse(file.Name!, display[file.Path], file.Path, texts[file.Path], readInclude);
            instances.AddRange(read);
            findings.AddRange(readFindings);
        }

        var (pairs, pairAliases, pairOfNode, pairFindings) = KeepalivedPairs.Match(instances);
        findings.AddRange(pairFindings);
        var listens = new List<HaproxyListen>();
        foreach (var (owner, configFiles) in HaproxyConfigurations(request.Haproxy, pairs, pairOfNode, display, texts, findings))
        {
            var (sections, parseFindings) = HaproxyConfigParser.Parse(configFiles, environment, request.HaproxyVersion);
            var (read, readFindings) = HaproxyListenReader.Read(owner, sections);
            listens.AddRange(read);
            findings.AddRange(parseFindings);
            findings.AddRange(readFindings);
        }

        var aliases = new List<AliasStanza>(pairAliases);
        var interfacesByHost = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in request.Interfaces)
        {
            var seen = Bucket(interfacesByHost, file.Name!);
            var (read, readFindings) = InterfacesParser.Parse(display[file.Path], file.Name!, texts[file.Path], seen);
            aliases.AddRange(read);
            findings.AddRange(readFindings);
        }

        var zones = request.Zones
            .Select(f => (f.Name, ZoneParser.Parse(display[f.Path], ZoneWriter.Origin, texts[f.Path], request.Origin, IncludeReader(f.Path, readInclude))))
            .ToList();
        findings.AddRange(zones.SelectMany(z => z.Item2.Findings));
        var (namedConf, namedConfFindings) = request.NamedConf is { } conf ? NamedConfParser.Parse(display[conf], texts[conf]) : ([], []);
        findings.AddRange(namedConfFindings);
        if (findings.Where(f => f.Kind == FindingKind.Error).ToList() is { Count: > 0 } errors)
        {
            return new ImportOutcome(null, null, errors, errors.Count + " input line(s) cannot be read as the live programs read them");
        }

        var (views, records, viewError) = ZoneViews.Decide(zones, namedConf);
        if (viewError is not null)
        {
            return ImportOutcome.Refused(viewError);
        }

        IReadOnlyList<AddressMapPool> addressMap = [];
        if (request.AddressMap is { } mapPath)
        {
            var (pools, mapError) = AddressMapReader.Read(texts[mapPath]);
            if (pools is null)
            {
                return ImportOutcome.Refused(display[mapPath] + " is not an address map: " + mapError);
            }

            addressMap = pools;
        }

        var sources = paths.Select(p => display[p]).ToList();
        var (estate, error) = EstateImport.Map(listens, aliases, records, views, addressMap, findings, sources, request.PoolRange, pairs);
        if (estate is null)
        {
            return ImportOutcome.Refused(error!);
        }

        var files = TopologySourceWriter.Write(estate);
        return TopologySourceWriter.Problem(files) is { } problem
            ? ImportOutcome.Refused("the generated C# would not be what import means to write (" + problem + "); this is a bug in import, please report it with the input files")
            : new ImportOutcome(estate, files, [], null);
    }

    /// <summary>
    /// Each proxy's configuration: a host's files, or a pair's. Both nodes of a pair run one haproxy.cfg (the emitter writes it
    /// byte-identical on both), so a pair's is read once, from the master's files, and the other node's are compared with it.
    /// </summary>
    private static IEnumerable<(string Owner, List<HaproxyFile> Files)> HaproxyConfigurations(
        IReadOnlyList<NamedFile> given, IReadOnlyList<ImportedPair> pairs, IReadOnlyDictionary<string, string> pairOfNode,
        IReadOnlyDictionary<string, string> display, IReadOnlyDictionary<string, string> texts, List<ImportFinding> findings)
    {
        foreach (var owner in given.GroupBy(f => pairOfNode.GetValueOrDefault(f.Name!, f.Name!), StringComparer.Ordinal))
        {
            var byNode = owner.GroupBy(f => f.Name!, StringComparer.Ordinal).ToList();
            var pair = pairs.FirstOrDefault(p => p.Name == owner.Key);
            var read = byNode.OrderBy(n => n.Key == pair?.First.Host ? 0 : 1).First();
            foreach (var other in byNode.Where(n => n != read))
            {
                var same = read.Select(f => texts[f.Path]).SequenceEqual(other.Select(f => texts[f.Path]), StringComparer.Ordinal);
                var site = new ConfigSite(display[other.First().Path], 1);
                findings.Add(same
                    ? ImportFinding.Note(site, other.Key + "'s haproxy configuration is the same as " + read.Key + "'s (one configuration for pair " + owner.Key + "): read once")
                    : ImportFinding.Warning(site, other.Key + "'s haproxy configuration differs from " + read.Key + "'s, but pair " + owner.Key
                        + " runs one (the emitter writes it byte-identical on both nodes): imported " + read.Key + "'s"));
            }

            yield return (owner.Key, read.Select(f => new HaproxyFile(display[f.Path], texts[f.Path])).ToList());
        }
    }

    private static HashSet<string> Bucket(Dictionary<string, HashSet<string>> byHost, string host)
    {
        if (!byHost.TryGetValue(host, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            byHost.Add(host, set);
        }

        return set;
    }

    /// <summary>Reads a zone's includes relative to the folder of the zone file that names them.</summary>
    private static Func<string, (string? Text, string? Error)> IncludeReader(string zonePath, Func<string, (string? Text, string? Error)> read) =>
        include => read(Path.IsPathRooted(include) ? include : Path.Combine(Path.GetDirectoryName(zonePath) ?? ".", include));

    /// <summary>An input file's text, or why it cannot be imported: missing, a folder, too large, unreadable, or binary.</summary>
    private static (string? Text, string? Error) ReadInput(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return (null, path + " is a folder, not a file");
            }

            var size = new FileInfo(path).Length;
            if (size > MaxInputBytes)
            {
                return (null, path + " is " + (size / (1024 * 1024)) + " MiB; import reads files of up to " + (MaxInputBytes / (1024 * 1024)) + " MiB");
            }

            var (stream, error) = InputFile.Open(path);
            if (stream is null)
            {
                return (null, path + ": " + error);
            }

            // Read to the limit, not to the end: a device (/dev/zero) or a /proc file says it is 0 bytes long and never ends.
            using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
            var read = new System.Text.StringBuilder();
            var chunk = new char[64 * 1024];
            for (int n; (n = reader.Read(chunk, 0, chunk.Length)) > 0;)
            {
                read.Append(chunk, 0, n);
                if (read.Length > MaxInputBytes)
                {
                    return (null, path + " goes on past " + (MaxInputBytes / (1024 * 1024)) + " MiB (a device, or a file still growing); import reads files of up to "
                        + (MaxInputBytes / (1024 * 1024)) + " MiB");
                }
            }

            var text = read.ToString();
            return text.Contains('\0', StringComparison.Ordinal) ? (null, path + " is not a text file (it holds NUL bytes)") : (text, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, path + ": " + e.Message);
        }
    }

    /// <summary>A folder given as --haproxy becomes its *.cfg files in name order, as <c>haproxy -f DIR</c> loads them (hidden files skipped).</summary>
    private static (IReadOnlyList<NamedFile>? Files, string? Error) ExpandHaproxyFolders(IReadOnlyList<NamedFile> given)
    {
        var files = new List<NamedFile>();
        foreach (var file in given)
        {
            if (!Directory.Exists(file.Path))
            {
                files.Add(file);
                continue;
            }

            var configs = Directory.GetFiles(file.Path, "*.cfg")
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (configs.Count == 0)
            {
                return (null, file.Path + " is a folder without a *.cfg file (haproxy -f DIR loads those)");
            }

            files.AddRange(configs.Select(c => file with { Path = c }));
        }

        return (files, null);
    }

    private static int CannotReadInput(TextWriter errors, string message)
    {
        errors.WriteLine(InertText.Line("error: cannot read " + message.TrimEnd('.') + ". Nothing was written."));
        return CannotRead;
    }

    private static int Refuse(TextWriter errors, string message)
    {
        errors.WriteLine(InertText.Line("error: " + message + ". Nothing was written."));
        return BadArguments;
    }

    /// <summary>What an import gives: the estate and its files, or the error lines and message of a refusal.</summary>
    internal sealed record ImportOutcome(ImportedEstate? Estate, SortedDictionary<string, string>? Files, IReadOnlyList<ImportFinding> Errors, string? Error)
    {
        public static ImportOutcome Refused(string message) => new(null, null, [], message);
    }

    /// <summary>File names as findings show them: bare names, or every path as given when two inputs share a name.</summary>
    private static Dictionary<string, string> DisplayNames(IReadOnlyList<string> paths)
    {
        var bare = paths.Select(Path.GetFileName).Distinct().Count() == paths.Count;
        return paths.ToDictionary(p => p, p => bare ? Path.GetFileName(p) : p.Replace('\\', '/'), StringComparer.Ordinal);
    }

    internal sealed record ImportRequest(
        IReadOnlyList<NamedFile> Haproxy,
        IReadOnlyList<NamedFile> Interfaces,
        IReadOnlyList<NamedFile> Zones,
        string? NamedConf,
        string? AddressMap,
        string Origin,
        string Out,
        PoolRange PoolRange,
        IReadOnlyList<string> HaproxyEnvironment,
        string HaproxyVersion)
    {
        /// <summary>The nodes' keepalived.conf files, each named by its proxy host.</summary>
        public IReadOnlyList<NamedFile> Keepalived { get; init; } = [];

        /// <summary>Every input file named on the command line, in the order findings list them.</summary>
        public IEnumerable<NamedFile> Inputs => Haproxy.Concat(Interfaces).Concat(Zones).Concat(Keepalived);
    }

    /// <summary>A <c>[NAME=]FILE</c> argument: a proxy host for haproxy.cfg and interfaces files, a DNS view for zone files.</summary>
    internal sealed record NamedFile(string? Name, string Path)
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
