namespace GaiaX.Oid4vc.Credentials.Net;

/// <summary>HttpClients for URLs chosen by callers (did:web, x5u, request_uri): SSRF-guarded, no proxy, no automatic redirects,
/// bounded.</summary>
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
