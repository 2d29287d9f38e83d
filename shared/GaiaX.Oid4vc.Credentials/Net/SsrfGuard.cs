using System.Net;
using System.Net.Sockets;

namespace GaiaX.Oid4vc.Credentials.Net;

/// <summary>
/// Refuses connections to loopback, private, link-local, carrier-grade NAT, multicast, documentation
/// and other special-purpose addresses, checked on the addresses DNS actually returned (so a public
/// name that resolves to 10.0.0.1, or a redirect to one, is refused at connect time). Used as the
/// <see cref="SocketsHttpHandler.ConnectCallback"/> of every client that fetches a URL a caller chose.
/// </summary>
public sealed class SsrfGuard
{
    private static readonly IPNetwork[] SpecialNetworks =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("64:ff9b::/96"),
        IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001::/23"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("2002::/16"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly bool _allowLoopback;
    private readonly HashSet<IPEndPoint> _allowedEndpoints;
    private readonly IPNetwork[] _allowedNetworks;

    public SsrfGuard(SsrfGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowLoopback = options.AllowLoopback;
        _allowedEndpoints = options
            .AllowedEndpoints.Select(e =>
                IPEndPoint.TryParse(e, out var ep) && ep.Port != 0
                    ? Normalize(ep)
                    : throw new ArgumentException($"'{e}' is not an address:port endpoint.", nameof(options))
            )
            .ToHashSet();
        _allowedNetworks = options.AllowedNetworks.Select(n => IPNetwork.Parse(n)).ToArray();
    }

    /// <summary>Whether an address (on a port) is special-purpose and not allow-listed.</summary>
    public bool IsRefused(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (!IsSpecial(normalized))
        {
            return false;
        }
        if (_allowLoopback && IPAddress.IsLoopback(normalized))
        {
            return false;
        }
        return !_allowedEndpoints.Contains(new IPEndPoint(normalized, port)) && !_allowedNetworks.Any(n => n.Contains(normalized));
    }

    /// <summary>Whether the address is in a special-purpose range (RFC 6890 and friends).</summary>
    public static bool IsSpecial(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return normalized.Equals(IPAddress.Broadcast)
            || SpecialNetworks.Any(n => n.BaseAddress.AddressFamily == normalized.AddressFamily && n.Contains(normalized));
    }

    /// <summary>The connect step: resolve, drop refused addresses, connect to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => !IsRefused(a, port)).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(
                $"The host '{host}' resolves only to addresses that may not be reached "
                    + $"({string.Join(", ", addresses.Select(a => a.ToString()))})."
            );
        }
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }
        throw new HttpRequestException($"Could not connect to '{host}:{port}'.", last);
    }

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
