extern alias analyzers;

using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// The analyzer runs on every keystroke and every build, in the configuration the Topology project is built in (Debug
/// unless told otherwise). A Debug assembly carries DebuggableAttribute with DisableOptimizations, and the JIT then never
/// optimizes it, however often it runs (docs/performance.md has what that costs).
/// </summary>
public sealed class AnalyzerBuildTests
{
    [Fact]
    public void The_analyzer_is_jit_optimized_in_every_configuration()
    {
        var assembly = typeof(analyzers::Lef.Infra.Analyzers.TopologyAnalyzer).Assembly;
        var debuggable = assembly.GetCustomAttribute<DebuggableAttribute>();

        Assert.False(debuggable?.IsJITOptimizerDisabled ?? false, assembly.Location + " is built without optimizations: the JIT will not optimize it in the IDE or the compiler server");
    }
}
