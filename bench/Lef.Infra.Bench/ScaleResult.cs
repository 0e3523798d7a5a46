using System.Collections.Generic;

namespace Lef.Infra.Bench;

/// <summary>Everything one run at one size measured; times are medians in milliseconds, memory in bytes.</summary>
internal sealed class ScaleResult
{
    public required int Endpoints { get; init; }

    public required int Vips { get; init; }

    public required int Pools { get; init; }

    public required int Files { get; init; }

    public required long SourceBytes { get; init; }

    public required int Repeat { get; init; }

    public required int Keystrokes { get; init; }

    /// <summary>Parse + compile + emit the DLL, no analyzer: what csc pays for the estate.</summary>
    public required double CompileMs { get; init; }

    /// <summary>The analyzer's own time over the whole compilation (telemetry), fresh trees: a build's share.</summary>
    public required double AnalyzerMs { get; init; }

    /// <summary>Wall time of the whole analysis, the compiler's binding on behalf of the analyzer included.</summary>
    public required double AnalyzerWallMs { get; init; }

    /// <summary>The fastest and slowest build's analyzer time: the spread the median hides (a collection inside the action).</summary>
    public required double AnalyzerMinMs { get; init; }

    public required double AnalyzerMaxMs { get; init; }

    /// <summary>The analyzer's time for the edited document after one keystroke (telemetry): what the IDE pays.</summary>
    public required double KeystrokeMs { get; init; }

    public required double KeystrokeMaxMs { get; init; }

    public required double KeystrokeWallMs { get; init; }

    /// <summary>The analyzer's time for the whole compilation after one keystroke (full-solution analysis, or a build after an edit).</summary>
    public required double KeystrokeFullMs { get; init; }

    public required double KeystrokeFullWallMs { get; init; }

    /// <summary>The analyzer's time for the edited document when the keystroke renames a pool every VIP file of it references (median, max).</summary>
    public required double RenameMs { get; init; }

    public required double RenameMaxMs { get; init; }

    /// <summary>Source to the written deploy/, as the CLI's emit (in-memory compile, read, rules, render, atomic replace), in a child with the CLI's runtime settings.</summary>
    public required double EmitMs { get; init; }

    public required int Artifacts { get; init; }

    public required double HaproxyCheckMs { get; init; }

    public required int HaproxyConfigs { get; init; }

    public required int ListenSections { get; init; }

    /// <summary>Peak resident memory per phase.</summary>
    public required IReadOnlyDictionary<string, long> PeakBytes { get; init; }

    public double AnalyzerShare => AnalyzerMs / CompileMs;
}
