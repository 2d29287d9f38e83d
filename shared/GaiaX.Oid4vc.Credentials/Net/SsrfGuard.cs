using System.Net;
using System.Net.Sockets;

namespace GaiaX.Oid4vc.Credentials.Net;

/// <summary>Settings of the SSRF guard (configuration section <c>OutboundHttp:SsrfGuard</c> or the resolver's own).</summary>
public sealed class SsrfGuardOptions
{
    /// <summary>Development only: loopback addresses (127.0.0.0/8, ::1) may be reached.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Exact endpoints allowed although special, as <c>address:port</c> (e.g. <c>127.0.0.1:8443</c>, <c>[::1]:8443</c>).</summary>
    public IList<string> AllowedEndpoints { get; } = [];

    /// <summary>Networks allowed although special, in CIDR form (e.g. <c>10.20.0.0/16</c> for an internal registry).</summary>
    public IList<string> AllowedNetworks { get; } = [];
}

/// <summary>Thrown from the connect step when every address of a host is refused.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);

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
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("64:ff9b:1::/48"),
        IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/23"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly bool _allowLoopback;
    private readonly HashSet<IPEndPoint> _allowedEndpoints;
    private readonly IPNetwork[] _allowedNetworks;

    public SsrfGuard(SsrfGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowLoopback = options.AllowLoopback;
        _allowedEndpoints = options.AllowedEndpoints.Select(e => IPEndPoint.TryParse(e, out var ep) && ep.Port != 0
            ? Normalize(ep)
            : throw new ArgumentException($"'{e}' is not an address:port endpoint.", nameof(options))).ToHashSet();
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
        return normalized.Equals(IPAddress.Broadcast) || SpecialNetworks.Any(n => n.BaseAddress.AddressFamily == normalized.AddressFamily && n.Contains(normalized));
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
            throw new AddressRefusedException($"The host '{host}' resolves only to addresses that may not be reached ({string.Join(", ", addresses.Select(a => a.ToString()))}).");
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

/// <summary>HttpClients for URLs chosen by callers (did:web, x5u, request_uri): SSRF-guarded, no proxy, no automatic redirects, bounded.</summary>
public static class GuardedHttpClient
{
    /// <summary>
    /// A handler whose connections pass <paramref name="guard"/>. Redirects are not followed
    /// automatically: callers follow them one by one, re-checking the scheme (and the guard
    /// re-checks the address of every new connection).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(SsrfGuard guard, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = 32,
        };
    }

    public static HttpClient Create(SsrfGuard guard, TimeSpan? timeout = null) =>
        new(CreateHandler(guard), disposeHandler: true) { Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    /// <summary>Whether the exception (or one inside it) is an SSRF refusal.</summary>
    public static bool IsAddressRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of a response body; null when it is larger.</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
