using System.Linq;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// ifupdown stanzas for the VIP aliases of one host interface, the runbook's step 2. The file name has no dot, so
/// <c>source-directory /etc/network/interfaces.d</c> picks it up (run-parts naming).
/// </summary>
internal static class InterfacesWriter
{
    /// <summary><c>lef-ens18</c>; a VLAN's dot becomes '_' (<c>lef-ens18_100</c>), since run-parts naming skips names with dots.</summary>
    public static string FileName(string parentInterface) => "lef-" + Names.RunPartsName(parentInterface);

    public static string Write(TopologyModel model, string host, string parentInterface)
    {
        var text = new Text()
            .Line("# " + GeneratedHeader.Text)
            .Line("# VIP aliases on " + host + " " + parentInterface + ". Load with: source-directory /etc/network/interfaces.d");
        var aliases = model.Vips
            .Select(v => (Vip: v, Pool: model.PoolOf(v)!))
            .Where(a => Names.SameHost(a.Pool.Host, host) && a.Pool.Interface == parentInterface)
            .OrderBy(a => a.Vip.Alias);
        foreach (var (vip, pool) in aliases)
        {
            Ipv4Network.TryParse(pool.Network, out var network, out _);
            text.Line()
                .Line($"# {vip.Field}")
                .Line($"auto {parentInterface}:{vip.Alias}")
                .Line($"iface {parentInterface}:{vip.Alias} inet static")
                .Line($"    address {vip.Address}")
                .Line($"    netmask {Ipv4.Format(network.Mask)}");
        }

        return text.ToString();
    }
}
