using System.Globalization;
using System.Linq;
using Lef.Infra.Dsl;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Emit.Writers;

/// <summary>
/// keepalived.conf for one node of a pair: one VRRPv3 instance over unicast that holds every VIP of the pair's pools as
/// <c>virtual_ipaddress</c> entries labelled <c>ens18:n</c>, as the ifupdown aliases were. The node leaves the master role
/// when HAProxy is not running (<c>vrrp_track_process</c>: an event from the kernel, not a <c>killall -0</c> script, which
/// never fails: keepalived #1420) and when the maintenance file holds a number other than 0.
/// </summary>
internal static class KeepalivedConfigWriter
{
    /// <summary>Where keepalived reads its configuration on Debian.</summary>
    public const string LivePath = "/etc/keepalived/keepalived.conf";

    /// <summary><c>echo 1 &gt; this</c> moves the VIPs off the node; <c>echo 0</c> (or removing it) lets them come back.</summary>
    public const string MaintenanceFile = "/etc/keepalived/lef-maintenance";

    /// <summary>The vrrp_track_process block: HAProxy's master process, which stays across a hitless reload.</summary>
    public const string HaproxyTrack = "lef_haproxy";

    public const string MaintenanceTrack = "lef_maintenance";

    public static string Write(TopologyModel model, PairDeclaration pair, bool first)
    {
        var (self, selfAddress, priority) = first ? (pair.FirstHost!, pair.FirstAddress!, pair.FirstPriority!.Value) : (pair.SecondHost!, pair.SecondAddress!, pair.SecondPriority!.Value);
        var (peer, peerAddress) = first ? (pair.SecondHost!, pair.SecondAddress!) : (pair.FirstHost!, pair.FirstAddress!);
        var master = first == pair.FirstIsMaster;
        var stay = pair.FailBack == FailBack.Stay;
        var text = new Text()
            .Line("# " + GeneratedHeader.Text)
            .Line("# " + self + ": " + (master ? "master" : "backup") + " of the pair " + pair.Name + " (" + pair.Field + "), with " + peer + ".")
            .Line("# Enter maintenance (the VIPs move to the peer): echo 1 > " + MaintenanceFile + "; leave it: echo 0 > " + MaintenanceFile)
            .Line()
            .Line("global_defs {")
            .Line("    router_id " + self)
            .Line("    enable_script_security")
            .Line("    max_auto_priority -1")
            .Line("}")
            .Line()
            .Line("# HAProxy not running: this node goes to FAULT and hands the VIPs over at once (a priority-0 advert).")
            .Line("vrrp_track_process " + HaproxyTrack + " {")
            .Line("    process haproxy")
            .Line("    quorum 1")
            .Line("}")
            .Line()
            .Line(stay
                ? "# Maintenance: any number but 0 in the file puts this node in FAULT (FailBack.Stay: a lower priority alone would not move the VIPs)."
                : "# Maintenance: 1 in the file lowers this node's priority below its peer's, and the peer takes over (preempts) before this node lets go.")
            .Line("track_file " + MaintenanceTrack + " {")
            .Line("    file \"" + MaintenanceFile + "\"")
            .Line("    weight " + (stay ? "0" : Number(-MaintenanceWeight(pair))))
            .Line("}")
            .Line()
            .Line("vrrp_instance " + pair.Name + " {")
            .Line("    # Both nodes start as BACKUP: the higher priority takes the VIPs after one master-down interval, never both at once.")
            .Line("    state BACKUP")
            .Line("    interface " + pair.Interface)
            .Line("    virtual_router_id " + Number(pair.VirtualRouterId!.Value))
            .Line("    version 3")
            .Line("    priority " + Number(priority))
            .Line("    advert_int " + Seconds(pair.AdvertIntervalMs!.Value));
        if (stay)
        {
            text.Line("    # FailBack.Stay: a node that comes back waits as backup.")
                .Line("    nopreempt");
        }

        text.Line("    unicast_src_ip " + selfAddress)
            .Line("    unicast_peer {")
            .Line("        " + peerAddress)
            .Line("    }")
            .Line("    virtual_ipaddress {");
        var vips = Vips(model, pair);
        for (var i = 0; i < vips.Count; i++)
        {
            if (i == AdvertisedVips)
            {
                // An advert carries at most 255 addresses: keepalived -t refuses more. The rest move with the instance all the same.
                text.Line("    }")
                    .Line("    # Past the " + Number(AdvertisedVips) + " addresses an advert carries: held and moved with the ones above, not advertised.")
                    .Line("    virtual_ipaddress_excluded {");
            }

            var (vip, pool) = vips[i];
            Ipv4Network.TryParse(pool.Network, out var network, out _);
            text.Line("        " + vip.Address + "/" + Number(network.Prefix) + " dev " + pool.Interface + " label " + pool.Interface + ":" + Number(vip.Alias!.Value)
                + " # " + vip.Field);
        }

        return text.Line("    }")
            .Line("    track_process {")
            .Line("        " + HaproxyTrack)
            .Line("    }")
            .Line("    track_file {")
            .Line("        " + MaintenanceTrack)
            .Line("    }")
            .Line("}")
            .ToString();
    }

    /// <summary>The addresses one VRRP advert can carry (its count field is a byte): the rest go to <c>virtual_ipaddress_excluded</c>.</summary>
    public const int AdvertisedVips = 255;

    /// <summary>The pair's VIPs in address order: the same list, in the same order, on both nodes.</summary>
    public static System.Collections.Generic.List<(VipDeclaration Vip, PoolDeclaration Pool)> Vips(TopologyModel model, PairDeclaration pair) =>
        model.Vips
            .Select(v => (Vip: v, Pool: model.PoolOf(v)!))
            .Where(a => ReferenceEquals(model.PairOf(a.Pool), pair))
            .OrderBy(a => Ipv4.TryParse(a.Vip.Address, out var address) ? address : 0)
            .ThenBy(a => a.Vip.Key, System.StringComparer.Ordinal)
            .ToList();

    /// <summary>How far maintenance lowers a node: one below the lower priority, whichever node it is on.</summary>
    public static int MaintenanceWeight(PairDeclaration pair) => System.Math.Abs(pair.FirstPriority!.Value - pair.SecondPriority!.Value) + 1;

    /// <summary><c>0.3</c> for 300 ms: keepalived takes seconds, in centiseconds for VRRPv3 (LEF0023).</summary>
    public static string Seconds(int milliseconds) => (milliseconds / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
