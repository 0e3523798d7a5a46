using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Lef.Infra.Emit.Import;
using Lef.Infra.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Lef.Infra.Emit.Tests.Import;

/// <summary>Runs alone, so that the process's CPU time measures import and not the tests beside it.</summary>
[CollectionDefinition(nameof(ImportScaleTests), DisableParallelization = true)]
public sealed class ImportScaleCollection;

/// <summary>
/// Import stays linear: 5,000 listens and long continuation runs each take under 2 s of CPU, 20,000 aliases stay far from
/// quadratic, and a huge file is refused before it is read. CPU time, not wall time: the machine is shared, and waiting for a core is not work.
/// The figures are printed with <c>--logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(nameof(ImportScaleTests))]
public sealed class ImportScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Five_thousand_listens_import_in_under_two_seconds()
    {
        var (haproxy, interfaces, zone) = Estate(listens: 5_000, aliases: 5_000);
        _ = Translate(haproxy[..2_000], interfaces[..2_000], zone[..200]);

        var (outcome, cpu, wall) = Measure(() => Translate(haproxy, interfaces, zone));

        output.WriteLine("5,000 listens, 5,000 aliases, 5,000 A records: " + cpu + " ms CPU, " + wall + " ms wall");
        Assert.NotNull(outcome.Estate);
        Assert.Equal(5_000, outcome.Estate.Pools.Sum(p => p.Endpoints.Count));
        Assert.True(cpu < 2_000, "took " + cpu + " ms of CPU");
    }

    [Fact]
    public void Twenty_thousand_aliases_with_their_records_stay_linear()
    {
        var (haproxy, interfaces, zone) = Estate(listens: 5_000, aliases: 20_000);
        _ = Translate(haproxy[..2_000], interfaces[..2_000], zone[..200]);

        var (outcome, cpu, wall) = Measure(() => Translate(haproxy, interfaces, zone));

        // Main took 193 s for 20,000 aliases: a bound of 8 s leaves room for a loaded machine and still fails anything quadratic.
        output.WriteLine("5,000 listens, 20,000 aliases, 20,000 A records: " + cpu + " ms CPU, " + wall + " ms wall");
        Assert.NotNull(outcome.Estate);
        Assert.Equal(20_000, outcome.Estate.Pools.Sum(p => p.Vips.Count));
        Assert.True(cpu < 8_000, "took " + cpu + " ms of CPU");
    }

    [Fact]
    public void Six_hundred_kilobytes_of_continuation_lines_take_under_two_seconds()
    {
        var text = new StringBuilder("auto ens18:1\niface ens18:1 inet static\n    address 10.20.0.101/24 \\\n");
        while (text.Length < 600_000)
        {
            text.Append("    \\\n");
        }

        text.Append("    \n");
        var ((aliases, _), cpu, wall) = Measure(() => InterfacesParser.Parse("interfaces", "proxy.core.lef", text.ToString()));

        output.WriteLine("600 KB of continuations: " + cpu + " ms CPU, " + wall + " ms wall");
        Assert.Equal("10.20.0.101", Assert.Single(aliases).Address);
        Assert.True(cpu < 2_000, "took " + cpu + " ms of CPU");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_unread_with_exit_3()
    {
        using var inputs = new TempDirectory();
        using (var huge = File.Create(inputs.Combine("haproxy.cfg")))
        {
            huge.SetLength(ImportCommand.MaxInputBytes + 1);
        }

        File.WriteAllText(inputs.Combine("interfaces"), InjectionTests.Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), InjectionTests.Zone);
        var result = Importer.Run(
            "--haproxy", inputs.Combine("haproxy.cfg"), "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("haproxy.cfg is 16 MiB; import reads files of up to 16 MiB", result.StandardError, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(inputs.Combine("out")));
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_at_the_size_limit_not_read_out_of_memory()
    {
        // /dev/zero is 0 bytes long by its size, and endless: File.ReadAllText ran the process out of memory (exit 134).
        using var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("interfaces"), InjectionTests.Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), InjectionTests.Zone);
        var result = Importer.Run("--haproxy", "/dev/zero", "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out"));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("/dev/zero goes on past 16 MiB", result.StandardError, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(inputs.Combine("out")));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_fifo_is_refused_at_once_not_waited_on()
    {
        // open(2) on a FIFO no one writes to blocks: the import hung, as it would on `include fifo` in keepalived.conf.
        using var inputs = new TempDirectory();
        File.WriteAllText(inputs.Combine("interfaces"), InjectionTests.Interfaces);
        File.WriteAllText(inputs.Combine("db.lef.zone"), InjectionTests.Zone);
        var fifo = inputs.Combine("haproxy.cfg");
        Assert.Equal(0, Tool.Run("mkfifo", fifo).ExitCode);

        var run = System.Threading.Tasks.Task.Run(() => Importer.Run("--haproxy", fifo, "--interfaces", inputs.Combine("interfaces"), "--zone", inputs.Combine("db.lef.zone"), "--out", inputs.Combine("out")));
        var result = await run.WaitAsync(System.TimeSpan.FromSeconds(30));

        Assert.Equal(ImportCommand.CannotRead, result.ExitCode);
        Assert.Contains("haproxy.cfg: it is not a regular file (a FIFO, a socket or a terminal)", result.StandardError, System.StringComparison.Ordinal);
        Assert.False(Directory.Exists(inputs.Combine("out")));
    }

    private static (T Result, long CpuMilliseconds, long WallMilliseconds) Measure<T>(System.Func<T> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        clock.Stop();
        process.Refresh();
        return (result, (long)(process.TotalProcessorTime - cpuBefore).TotalMilliseconds, clock.ElapsedMilliseconds);
    }

    /// <summary>Listens on the first aliases, every alias in one /16 with its A record.</summary>
    internal static (string Haproxy, string Interfaces, string Zone) Estate(int listens, int aliases)
    {
        var haproxy = new StringBuilder("defaults\n    mode tcp\n");
        var interfaces = new StringBuilder();
        var zone = new StringBuilder("$ORIGIN db.lef.\n");
        for (var k = 1; k <= aliases; k++)
        {
            var n = k.ToString(CultureInfo.InvariantCulture);
            var address = "10.20." + (k / 250).ToString(CultureInfo.InvariantCulture) + "." + (k % 250 + 1).ToString(CultureInfo.InvariantCulture);
            interfaces.Append("auto ens18:").Append(n).Append("\niface ens18:").Append(n).Append(" inet static\n    address ").Append(address).Append("/16\n");
            zone.Append("app").Append(n).Append(" A ").Append(address).Append('\n');
            if (k <= listens)
            {
                haproxy.Append("listen app").Append(n).Append("\n    bind ").Append(address).Append(":1433\n    server s").Append(n).Append(" sql-").Append(n).Append(".core.lef:1433 check\n");
            }
        }

        return (haproxy.ToString(), interfaces.ToString(), zone.ToString());
    }

    internal static ImportCommand.ImportOutcome Translate(string haproxy, string interfaces, string zone)
    {
        var texts = new Dictionary<string, string> { ["haproxy.cfg"] = haproxy, ["interfaces"] = interfaces, ["db.lef.zone"] = zone };
        var request = new ImportCommand.ImportRequest(
            [new ImportCommand.NamedFile("proxy.core.lef", "haproxy.cfg")],
            [new ImportCommand.NamedFile("proxy.core.lef", "interfaces")],
            [new ImportCommand.NamedFile(null, "db.lef.zone")],
            null,
            null,
            "db.lef",
            "out",
            new PoolRange([], []),
            [],
            HaproxyConfigParser.DefaultVersion);
        return ImportCommand.Translate(request, texts, _ => (null, "no includes here"));
    }
}
