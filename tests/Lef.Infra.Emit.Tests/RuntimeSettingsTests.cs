using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// The CLI's GC settings are part of its speed: an emit at 10,000 endpoints allocates about 150 MB and exits, and under the
/// default workstation GC it pauses 220-350 ms to collect it (docs/performance.md: an emit of 640-915 ms against 310-430
/// under server GC). The bench times the emit under these same settings.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_cli_runs_server_gc_without_dynamic_adaptation()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "lef-infra.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean(), config + ": System.GC.Server");
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }
}
