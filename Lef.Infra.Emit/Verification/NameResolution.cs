using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Lef.Infra.Emit.Verification;

/// <summary>Resolves a name through a given DNS server, or through the system resolver when none is given (what clients do).</summary>
internal sealed class NameResolution(IPEndPoint? server, TimeSpan timeout)
{
    public string Source => server is null ? "the system resolver" : server.ToString();

    public async Task<DnsAnswer> ResolveAsync(string name, CancellationToken cancellation)
    {
        if (server is not null)
        {
            return await DnsQuery.QueryAAsync(server, name, timeout, cancellation);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(name, AddressFamily.InterNetwork, cancellation).WaitAsync(timeout, cancellation);
            return addresses.Length == 0 ? DnsAnswer.Failed("no A record") : new DnsAnswer(addresses.Distinct().ToList(), null);
        }
        catch (TimeoutException)
        {
            return DnsAnswer.Failed("no answer within " + TcpConnect.Seconds(timeout));
        }
        catch (SocketException e)
        {
            return DnsAnswer.Failed(e.SocketErrorCode == SocketError.HostNotFound ? "the name does not resolve" : e.Message);
        }
    }

    /// <summary><c>10.20.0.53</c> or <c>10.20.0.53:5353</c>; port 53 unless given.</summary>
    public static bool TryParseServer(string text, out IPEndPoint? server)
    {
        server = null;
        if (IPAddress.TryParse(text, out var address))
        {
            server = new IPEndPoint(address, 53);
            return true;
        }

        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0)
        {
            server = endPoint;
            return true;
        }

        return false;
    }
}
