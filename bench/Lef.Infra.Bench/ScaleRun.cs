using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Lef.Infra.Bench;

/// <summary>Measures one estate: compile, analyzer (build and keystroke), emitter, haproxy -c, each phase's peak memory.</summary>
internal sealed class ScaleRun(SyntheticEstate estate, string workDirectory, int repeat, int keystrokes, string? haproxy, TextWriter log)
{
    private readonly AnalyzerRuns analyzer = new();
    private readonly Dictionary<string, long> peaks = [];
    private string Sources => Path.Combine(workDirectory, "src");

    public async Task<ScaleResult> RunAsync()
    {
        WriteSources();
        var compile = Compile();
        var (analyzerTime, analyzerWall) = await AnalyzeBuildsAsync();
        var keystroke = await TypeAsync();
        var (emit, artifacts) = Emit();
        var (check, configs, listens) = CheckWithHaproxy();
        return new ScaleResult
        {
            Endpoints = estate.EndpointCount,
            Vips = estate.VipCount,
            Pools = estate.PoolCount,
            Files = estate.Files.Count,
            SourceBytes = estate.Files.Values.Sum(f => (long)f.Length),
            Repeat = repeat,
            Keystrokes = keystrokes,
            CompileMs = compile.Median,
            AnalyzerMs = analyzerTime.Median,
            AnalyzerWallMs = analyzerWall.Median,
            AnalyzerMinMs = analyzerTime.Min,
            AnalyzerMaxMs = analyzerTime.Max,
            KeystrokeMs = keystroke.Document.Median,
            KeystrokeMaxMs = keystroke.Document.Max,
            KeystrokeWallMs = keystroke.DocumentWall.Median,
            KeystrokeFullMs = keystroke.Full.Median,
            KeystrokeFullWallMs = keystroke.FullWall.Median,
            RenameMs = keystroke.Rename.Median,
            RenameMaxMs = keystroke.Rename.Max,
            EmitMs = emit.Median,
            Artifacts = artifacts,
            HaproxyCheckMs = check.Median,
            HaproxyConfigs = configs,
            ListenSections = listens,
            PeakBytes = peaks,
        };
    }

    private void WriteSources()
    {
        foreach (var (path, source) in estate.Files)
        {
            var file = Path.Combine(Sources, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, source);
        }
    }

    private Samples Compile()
    {
        Phase("compile");
        var times = new Samples();
        for (var i = 0; i < repeat; i++)
        {
            Heap.Clean();
            var clock = Stopwatch.StartNew();
            var compilation = EstateCompilation.Create(EstateCompilation.Parse(Sources, estate.Files));
            using var pe = new MemoryStream();
            var result = compilation.Emit(pe);
            clock.Stop();
            EstateCompilation.EnsureClean(result.Diagnostics, "the compiler");
            times.Add(clock.Elapsed);
        }

        peaks["compile"] = PeakMemory.Bytes();
        return times;
    }

    private async Task<(Samples Analyzer, Samples Wall)> AnalyzeBuildsAsync()
    {
        Phase("analyzer");
        var (time, wall) = (new Samples(), new Samples());
        for (var i = 0; i < repeat; i++)
        {
            Heap.Clean();
            var timing = await analyzer.AnalyzeAllAsync(EstateCompilation.Create(EstateCompilation.Parse(Sources, estate.Files)));
            time.Add(timing.AnalyzerTime);
            wall.Add(timing.WallTime);
        }

        peaks["analyzer"] = PeakMemory.Bytes();
        return (time, wall);
    }

    private async Task<(Samples Document, Samples DocumentWall, Samples Full, Samples FullWall, Samples Rename)> TypeAsync()
    {
        Phase("keystroke");
        var path = Path.Combine(Sources, estate.KeystrokeFile);
        var compilation = (Microsoft.CodeAnalysis.Compilation)EstateCompilation.Create(EstateCompilation.Parse(Sources, estate.Files));

        // The IDE has analysed the estate before the user types (solution load, earlier keystrokes).
        await analyzer.AnalyzeAllAsync(compilation);
        var (document, documentWall, full, fullWall) = (new Samples(), new Samples(), new Samples(), new Samples());
        for (var i = 0; i < keystrokes; i++)
        {
            var (edited, tree) = AnalyzerRuns.Type(compilation, path, estate.KeystrokeName);
            compilation = edited;
            var timing = await analyzer.AnalyzeDocumentAsync(compilation, tree);
            document.Add(timing.AnalyzerTime);
            documentWall.Add(timing.WallTime);
        }

        for (var i = 0; i < keystrokes; i++)
        {
            compilation = AnalyzerRuns.Type(compilation, path, estate.KeystrokeName).Compilation;
            var timing = await analyzer.AnalyzeAllAsync(compilation);
            full.Add(timing.AnalyzerTime);
            fullWall.Add(timing.WallTime);
        }

        // Renaming a pool, a keystroke at a time: every other keystroke, every VIP of that pool references a name that does not exist.
        var rename = new Samples();
        var pools = Path.Combine(Sources, SyntheticEstate.RenameFile);
        for (var i = 0; i < keystrokes; i++)
        {
            var (edited, tree) = AnalyzerRuns.Type(compilation, pools, SyntheticEstate.RenameWord, ' ');
            compilation = edited;
            rename.Add((await analyzer.AnalyzeDocumentAsync(compilation, tree, expectClean: false)).AnalyzerTime);
        }

        peaks["keystroke"] = PeakMemory.Bytes();
        return (document, documentWall, full, fullWall, rename);
    }

    /// <summary>The emit, source to deploy/, in a child process with the CLI's runtime settings (<see cref="EmitRuns"/>).</summary>
    private (Samples Emit, int Artifacts) Emit()
    {
        Phase("emit");
        var (emit, artifacts, peak) = EmitRuns.Measure(Sources, workDirectory, Path.Combine(workDirectory, "deploy"), repeat);
        peaks["emit"] = peak;
        return (emit, artifacts);
    }

    private (Samples Check, int Configs, int Listens) CheckWithHaproxy()
    {
        var check = new Samples();
        var configs = Directory.EnumerateFiles(Path.Combine(workDirectory, "deploy"), "haproxy.cfg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var listens = configs.Sum(c => File.ReadLines(c).Count(l => l.StartsWith("listen ", StringComparison.Ordinal)));
        if (listens != estate.EndpointCount)
        {
            throw new InvalidOperationException("expected " + estate.EndpointCount + " listen sections, the emitter wrote " + listens);
        }

        if (haproxy is null)
        {
            log.WriteLine("haproxy not found: the reference is not measured (apt-get install haproxy)");
            return (check, configs.Count, listens);
        }

        for (var i = 0; i < repeat; i++)
        {
            check.Add(configs.Sum(c => HaproxyCheck.Run(haproxy, c).TotalMilliseconds));
        }

        return (check, configs.Count, listens);
    }

    private void Phase(string name)
    {
        log.WriteLine("[" + DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "] " + estate.EndpointCount + " endpoints: " + name);
        PeakMemory.Reset();
    }
}
