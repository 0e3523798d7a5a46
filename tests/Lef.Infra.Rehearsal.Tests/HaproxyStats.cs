using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>One row of <c>show servers state</c>.</summary>
internal sealed record ServerState(string Backend, string Server, string Address, int OperationalState, int CheckResult)
{
    /// <summary>SRV_ST_RUNNING.</summary>
    public bool IsUp => OperationalState == 2;

    /// <summary>CHK_RES_PASSED: the last health check succeeded.</summary>
    public bool LastCheckPassed => CheckResult == 3;
}

/// <summary>The emitted <c>stats socket /run/haproxy/admin.sock</c>, reached through the folder mounted on /run for HAProxy.</summary>
internal sealed class HaproxyStats(string socketPath)
{
    public async Task<IReadOnlyList<ServerState>> ServersAsync()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes("show servers state\n"), SocketFlags.None);
        var text = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        // Columns: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight
        // srv_time_since_last_change srv_check_status srv_check_result ...
        return text.ToString().Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 11 && int.TryParse(f[0], out _))
            .Select(f => new ServerState(f[1], f[3], f[4], int.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
