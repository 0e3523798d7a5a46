using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Lef.Infra.Bench;

/// <summary>The Markdown table (one column per size), the targets, and one machine-readable RESULT line per size, last.</summary>
internal static class ScaleReport
{
    public const double ShareTarget = 0.10;
    public const double KeystrokeTargetMs = 50;
    public const double RenameTargetMs = 300;
    public const double GrowthTarget = 12;

    public static void Write(IReadOnlyList<ScaleResult> results, TextWriter output)
    {
        output.WriteLine("| measure | " + string.Join(" | ", results.Select(r => "N = " + Count(r.Endpoints))) + " |");
        output.WriteLine("| --- |" + string.Concat(results.Select(_ => " ---: |")));
        Row(output, results, "estate: VIPs / pools / files / source", r => Count(r.Vips) + " / " + Count(r.Pools) + " / " + Count(r.Files) + " / " + Mb(r.SourceBytes));
        Row(output, results, "compile, no analyzer (parse + bind + emit DLL)", r => Ms(r.CompileMs));
        Row(output, results, "**analyzer, build** (analyzer time, all files)", r => "**" + Ms(r.AnalyzerMs) + "**");
        Row(output, results, "**analyzer share of compile**", r => "**" + Percent(r.AnalyzerShare) + "**");
        Row(output, results, "analyzer, build: fastest / slowest of the runs", r => Ms(r.AnalyzerMinMs) + " / " + Ms(r.AnalyzerMaxMs));
        Row(output, results, "analyzer, build: wall time of the analysis", r => Ms(r.AnalyzerWallMs));
        Row(output, results, "**keystroke**: analyzer time, edited document (median / max)", r => "**" + Ms(r.KeystrokeMs) + "** / " + Ms(r.KeystrokeMaxMs));
        Row(output, results, "keystroke: wall time, edited document", r => Ms(r.KeystrokeWallMs));
        Row(output, results, "keystroke: analyzer time, whole compilation", r => Ms(r.KeystrokeFullMs));
        Row(output, results, "keystroke: wall time, whole compilation", r => Ms(r.KeystrokeFullWallMs));
        Row(output, results, "keystroke renaming a pool (its VIPs' files read again): analyzer time, median / max", r => Ms(r.RenameMs) + " / " + Ms(r.RenameMaxMs));
        Row(output, results, "**emit**, source to deploy/ (in-memory compile, read, rules, render, write; the CLI's runtime settings)", r => "**" + Ms(r.EmitMs) + "** (" + Count(r.Artifacts) + " files)");
        Row(output, results, "`haproxy -c` on the emitted configs", r => Ms(r.HaproxyCheckMs) + " (" + Count(r.HaproxyConfigs) + " configs, " + Count(r.ListenSections) + " listens)");
        Row(output, results, "peak RSS: compile / analyzer / keystroke / emit", r => string.Join(" / ", new[] { "compile", "analyzer", "keystroke", "emit" }.Select(p => Mb(r.PeakBytes[p]))));
        output.WriteLine();
        output.WriteLine("Times are medians (ms) of " + results[0].Repeat + " runs (keystrokes: " + results[0].Keystrokes
            + " in a row). Analyzer time is the compiler's telemetry of the analyzer's callbacks (logAnalyzerExecutionTime); wall time adds the binding the driver does for it.");
        output.WriteLine("Compiled in process with Microsoft.CodeAnalysis " + typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version
            + " against " + EstateCompilation.ReferenceSource + "; " + Environment.ProcessorCount + " cores.");
        output.WriteLine();
        foreach (var line in Targets(results))
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        foreach (var r in results)
        {
            output.WriteLine(
                "RESULT endpoints=" + r.Endpoints
                + " compile_ms=" + Number(r.CompileMs)
                + " analyzer_ms=" + Number(r.AnalyzerMs)
                + " analyzer_share=" + r.AnalyzerShare.ToString("0.0000", CultureInfo.InvariantCulture)
                + " keystroke_ms=" + Number(r.KeystrokeMs)
                + " emit_ms=" + Number(r.EmitMs)
                + " haproxy_check_ms=" + Number(r.HaproxyCheckMs)
                + " peak_rss_mb=" + Number(r.PeakBytes.Values.Max() / 1048576.0));
        }
    }

    private static IEnumerable<string> Targets(IReadOnlyList<ScaleResult> results)
    {
        foreach (var r in results)
        {
            yield return "- N = " + Count(r.Endpoints) + ": analyzer share " + Percent(r.AnalyzerShare) + " " + Verdict(r.AnalyzerShare <= ShareTarget) + " (target <= 10%); keystroke "
                + Ms(r.KeystrokeMs) + " ms " + Verdict(r.KeystrokeMs <= KeystrokeTargetMs) + " (target <= 50 ms); pool rename " + Ms(r.RenameMs) + " ms "
                + Verdict(r.RenameMs <= RenameTargetMs) + " (target <= 300 ms); emit " + Ms(r.EmitMs) + " ms vs haproxy -c "
                + Ms(r.HaproxyCheckMs) + " ms " + Verdict(r.EmitMs < r.HaproxyCheckMs) + " (target: faster)";
        }

        if (results.Count < 2)
        {
            yield break;
        }

        var (small, large) = (results[0], results[^1]);
        var analyzerGrowth = large.AnalyzerMs / small.AnalyzerMs;
        var emitGrowth = large.EmitMs / small.EmitMs;
        yield return "- growth from N = " + Count(small.Endpoints) + " to " + Count(large.Endpoints) + " (" + Number((double)large.Endpoints / small.Endpoints) + "x the endpoints): analyzer "
            + Ratio(analyzerGrowth) + " " + Verdict(analyzerGrowth <= GrowthTarget) + ", emit " + Ratio(emitGrowth) + " " + Verdict(emitGrowth <= GrowthTarget) + " (target <= 12x)";
    }

    private static void Row(TextWriter output, IReadOnlyList<ScaleResult> results, string name, Func<ScaleResult, string> cell) =>
        output.WriteLine("| " + name + " | " + string.Join(" | ", results.Select(cell)) + " |");

    private static string Verdict(bool met) => met ? "MET" : "MISSED";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString(value < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Ratio(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "x";

    private static string Number(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.#", CultureInfo.InvariantCulture);
}
