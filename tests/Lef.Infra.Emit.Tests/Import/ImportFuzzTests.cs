using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Lef.Infra.Emit.Import;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>
/// Feeds import random bytes and random mutations of the fixture estates for a bounded time, and checks with Roslyn's
/// parser that the generated C# declares exactly the fields import reported and nothing else: no directive, attribute,
/// constructor or other member, and no code where a comment or a literal was meant. LEF_IMPORT_FUZZ_SEED replays a run,
/// LEF_IMPORT_FUZZ_SECONDS sets its length (3 s by default); a failure prints the seed and the inputs.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Hostile =
    [
        "\r", "\n", "\u0085", "\u2028", "\u2029", "\u001b[2J", "\u202E", "\uFEFF", "\0", "\t", "\\", "\"", "'", "#", ";", "(", ")", "{", "}", "$",
        "\uD800", "\uDC00", "\U0001F600", "static Endpoints() { System.Environment.Exit(1); }", "#pragma warning disable LEF0003", "[assembly: X]",
        "*/", "/*", "\"; } class X { //", "class", "Ports", "Engine", "Vips", "Pools", "Endpoints", "DnsViews", "Backend", "not-imported", "db-1", "db1",
        ".if 1", ".if feature(X)", ".else", ".endif", "$INCLUDE x.zone", "$ORIGIN .", "acl a { b; };", "disabled", "backup", "\\r\\n", "\\x1b",
        "listen ports\n bind 10.20.0.101:1\n server s h.core.lef:1\n", "iface ens18 inet static\n address 10.20.0.150/24\n", "x A 10.20.0.150\n",
    ];

    private static readonly (string Folder, string[] Zones, string? NamedConf, bool Pair)[] Estates =
    [
        ("live", ["db.lef.zone"], null, false),
        ("planted", ["db.lef.zone"], null, false),
        ("views", ["internal.zone", "partners.zone"], "named.conf", false),
        ("pair", ["db.lef.zone"], null, true),
        ("patroni", ["db.lef.zone"], null, false),
    ];

    private static readonly string[] PairFiles = ["keepalived-a.conf", "keepalived-b.conf"];

    [Fact]
    public void Random_bytes_and_mutated_estates_never_put_code_outside_comments_and_literals()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LEF_IMPORT_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) ? given : Environment.TickCount;
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("LEF_IMPORT_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var length) ? length : 3;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var (folder, zones, namedConf, pair) = Estates[random.Next(Estates.Length)];
            var names = new[] { "haproxy.cfg", "interfaces" }.Concat(zones).Concat(namedConf is null ? [] : [namedConf]).Concat(pair ? PairFiles : []).ToList();
            var texts = names.ToDictionary(n => n, n => File.ReadAllText(Importer.Fixture(folder, n)), StringComparer.Ordinal);
            foreach (var name in names)
            {
                texts[name] = random.Next(6) == 0 ? RandomText(random) : Mutate(random, texts[name]);
            }

            var request = new ImportCommand.ImportRequest(
                [new ImportCommand.NamedFile(pair ? "proxy-a.core.lef" : "proxy.core.lef", "haproxy.cfg")],
                [new ImportCommand.NamedFile("proxy.core.lef", "interfaces")],
                zones.Select(z => new ImportCommand.NamedFile(zones.Length > 1 ? Path.GetFileNameWithoutExtension(z) : null, z)).ToList(),
                namedConf,
                null,
                "db.lef",
                "out",
                new PoolRange([], []),
                [],
                HaproxyConfigParser.DefaultVersion)
            {
                Keepalived = pair ? [new("proxy-a.core.lef", PairFiles[0]), new("proxy-b.core.lef", PairFiles[1])] : [],
            };
            var failure = Check(request, texts, compile: runs % 25 == 0);
            if (failure is not null)
            {
                Assert.Fail("seed " + seed + ", run " + runs + " (LEF_IMPORT_FUZZ_SEED=" + seed + " replays it): " + failure + "\n"
                    + string.Join("\n", texts.Select(t => "--- " + t.Key + "\n" + InertText.Line(t.Value))));
            }

            runs++;
        }

        output.WriteLine("seed " + seed + ": " + runs + " imports in " + clock.ElapsedMilliseconds + " ms");
        Assert.True(runs > 0);
    }

    /// <summary>Null when the import either refused cleanly or wrote exactly what it reported; otherwise what went wrong.</summary>
    private static string? Check(ImportCommand.ImportRequest request, Dictionary<string, string> texts, bool compile)
    {
        ImportCommand.ImportOutcome outcome;
        try
        {
            outcome = ImportCommand.Translate(request, texts, _ => (null, "no such file"));
        }
        catch (Exception e)
        {
            return "import threw " + e;
        }

        if (outcome.Estate is null)
        {
            return outcome.Error is null ? "refused without saying why" : null;
        }

        var estate = outcome.Estate;
        var expected = estate.Pools.Select(p => "Pools." + p.Field)
            .Concat(estate.Pools.SelectMany(p => p.Vips).Select(v => "Vips." + v.Field))
            .Concat(estate.Pools.SelectMany(p => p.Endpoints).Select(e => "Endpoints." + e.Field))
            .Concat(estate.Views.Select(v => "DnsViews." + v.Field))
            .Concat(estate.Pairs.Select(p => "Pairs." + p.Field))
            .Concat(estate.Clusters.Select(c => "Clusters." + c.Field))
            .Order(StringComparer.Ordinal)
            .ToList();
        var (fields, problems) = GeneratedCode.Read(outcome.Files!);
        if (problems.Count > 0)
        {
            return string.Join("; ", problems);
        }

        if (!fields.Order(StringComparer.Ordinal).SequenceEqual(expected))
        {
            return "declared " + string.Join(",", fields.Order(StringComparer.Ordinal)) + " but reported " + string.Join(",", expected);
        }

        foreach (var (name, text) in outcome.Files!)
        {
            if (!InertText.IsInert(text.Replace("\n", string.Empty, StringComparison.Ordinal)))
            {
                return name + " holds a control, format or line-break character";
            }
        }

        if (estate.Findings.Select(f => InertText.Line(f.ToString())).FirstOrDefault(l => !InertText.IsInert(l)) is { } line)
        {
            return "a finding would reach the terminal raw: " + line;
        }

        if (compile && InProcessBuild.Diagnostics(outcome.Files!).FirstOrDefault(d => d.Severity == "error" && d.Id.StartsWith("CS", StringComparison.Ordinal)) is { } error)
        {
            return "does not compile: " + error;
        }

        return null;
    }

    private static string RandomText(Random random)
    {
        var bytes = new byte[random.Next(0, 2_000)];
        random.NextBytes(bytes);
        return random.Next(2) == 0 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 12);
        for (var i = 0; i < edits; i++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(6))
            {
                case 0 or 1:
                    builder.Insert(at, Hostile[random.Next(Hostile.Length)]);
                    break;
                case 2:
                    builder.Remove(at, Math.Min(random.Next(1, 40), builder.Length - at));
                    break;
                case 3:
                    builder.Insert(at, (char)random.Next(0, 0x3000));
                    break;
                case 4:
                    var lines = builder.ToString().Split('\n');
                    var line = lines[random.Next(lines.Length)];
                    builder.Insert(at, line + "\n");
                    break;
                default:
                    if (builder.Length > 0)
                    {
                        builder[at] = Hostile[random.Next(Hostile.Length)][0];
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
