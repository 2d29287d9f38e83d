using GaiaX.Oid4vc.Credentials.Net;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Registry.Trust;

/// <summary>
/// Fetches the PEM chain a participant publishes (<c>POST /api/trustAnchor/chain/file</c>): HTTPS only (plain HTTP on
/// loopback when allowed), through the SSRF guard, bounded in size and time. What cannot be fetched is the reason the
/// chain is not trusted, never a server error.
/// </summary>
public sealed class ChainFetcher : IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryOptions _options;

    public ChainFetcher(IOptions<RegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _http = GuardedHttpClient.Create(
            new SsrfGuard(new SsrfGuardOptions { AllowLoopback = _options.AllowLoopbackChainUrls }),
            TimeSpan.FromSeconds(_options.ChainFetchTimeoutSeconds)
        );
    }

    /// <summary>The PEM at <paramref name="uri"/>, or why it could not be had.</summary>
    public async Task<(string? Pem, string? Problem)> FetchAsync(string uri, CancellationToken cancellationToken)
    {
        if (
            !Uri.TryCreate(uri, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && _options.AllowLoopbackChainUrls && url.IsLoopback))
        )
        {
            return (null, "uri must be an absolute https URL of a PEM certificate chain");
        }
        // The whole fetch, body included, within the time-out: a server that drips its body is cut off.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.ChainFetchTimeoutSeconds));
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{url} answered {(int)response.StatusCode}");
            }
            var bytes = await GuardedHttpClient
                .ReadBoundedAsync(response.Content, _options.MaxChainBytes, deadline.Token)
                .ConfigureAwait(false);
            return bytes is null
                ? (null, $"the chain at {url} is larger than {_options.MaxChainBytes} bytes")
                : (System.Text.Encoding.ASCII.GetString(bytes), null);
        }
        catch (HttpRequestException ex)
        {
            return (
                null,
                GuardedHttpClient.IsAddressRefusal(ex)
                    ? $"{url.Host} is not an address the registry fetches from"
                    : $"{url} cannot be reached"
            );
        }
        catch (IOException)
        {
            return (null, $"{url} closed the connection before the chain was read");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{url} did not answer within {_options.ChainFetchTimeoutSeconds} s");
        }
    }

    public void Dispose() => _http.Dispose();
}
