using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace Lef.Infra.Testing;

/// <summary>
/// A real named (BIND) in the foreground, serving the zone (or view) statements a test gives it, with every file it
/// writes kept in a temporary folder. <c>named-checkconf -z</c> must accept the configuration before it starts.
/// </summary>
public sealed class NamedServer : IDisposable
{
    /// <summary>What named logs once every zone has loaded (or failed to): from then on it answers for them.</summary>
    public const string ZonesLoaded = "all zones loaded";

    private readonly BackgroundProcess process;

    private NamedServer(BackgroundProcess process, string configuration)
    {
        this.process = process;
        ConfigurationPath = configuration;
    }

    public string ConfigurationPath { get; }

    public string Output => process.Output;

    /// <summary>
    /// Writes named.conf around <paramref name="zones"/> (zone, view or include statements), checks it and starts named,
    /// both behind <paramref name="launcher"/>, and waits until it has loaded its zones.
    /// </summary>
    public static async Task<NamedServer> StartAsync(string directory, IPEndPoint listen, string zones, params string[] launcher)
    {
        Directory.CreateDirectory(directory);
        var configuration = Path.Combine(directory, "named.conf");
        var port = listen.Port.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(configuration, $$"""
            // Test server: authoritative only, listening on {{listen}}; pid, keys and journals stay in this folder.
            options {
                directory "{{directory}}";
                pid-file "{{Path.Combine(directory, "named.pid")}}";
                session-keyfile "{{Path.Combine(directory, "session.key")}}";
                managed-keys-directory "{{directory}}";
                listen-on port {{port}} { {{listen.Address}}; };
                listen-on-v6 { none; };
                recursion no;
                dnssec-validation no;
            };
            controls { };

            {{zones}}
            """);
        string[] checkconf = [.. launcher, Tool.Require("named-checkconf"), "-z", configuration];
        var check = await Tool.RunAsync(checkconf[0], checkconf[1..]);
        Assert.True(check.ExitCode == 0, "named-checkconf -z rejected the configuration:\n" + check.Output);

        string[] command = [.. launcher, Tool.Require("named"), "-g", "-c", configuration];
        var process = BackgroundProcess.Start(command[0], command[1..]);
        var server = new NamedServer(process, configuration);
        try
        {
            // Not "running": named's first lines are "running on Linux ..." and "running as: named ...", logged before any
            // zone is loaded, and a query then gets SERVFAIL. Zones load after the listeners are up; this line ends it.
            await process.WaitForOutputAsync(ZonesLoaded, TimeSpan.FromSeconds(20));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    public void Dispose() => process.Dispose();
}
