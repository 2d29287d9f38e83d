using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;

namespace GaiaX.Oid4vc.Issuer.Clients;

/// <summary>
/// A registered client's keys at its <c>jwks_uri</c>, fetched through the SSRF-guarded client (HTTPS, or HTTP on loopback
/// where <c>DidWeb:AllowHttpLoopback</c> allows it; at most 64 KiB; the DID fetch time-out) and kept five minutes. A key
/// the set does not have makes it fetch again, at most every 30 s, so a client that rotates its keys is not refused for
/// long and a stream of made-up <c>kid</c>s cannot make the Issuer fetch on every request.
/// </summary>
public sealed class JwksUriKeyResolver(Uri jwksUri, HttpClient http, DidWebOptions options, TimeProvider time) : IJwsKeyResolver
{
    public const int MaxJwksBytes = 64 * 1024;
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinRefetchInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset FetchedAt, JwksKeyResolver? Keys) _cached;

    public async ValueTask<VerificationResult<ResolvedKey>> ResolveAsync(ParsedJws jws, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var (fetchedAt, keys) = _cached;
        var now = time.GetUtcNow();
        if (keys is not null && now - fetchedAt < CacheDuration)
        {
            var found = await keys.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
            if (found.Succeeded || now - fetchedAt < MinRefetchInterval)
            {
                return found;
            }
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have fetched while this one waited.
            if (_cached.FetchedAt == fetchedAt)
            {
                var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
                if (!fetched.Succeeded)
                {
                    return VerificationResult<ResolvedKey>.Fail(fetched.Error);
                }
                _cached = (time.GetUtcNow(), fetched.Value);
            }
        }
        finally
        {
            _gate.Release();
        }
        return await _cached.Keys!.ResolveAsync(jws, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VerificationResult<JwksKeyResolver>> FetchAsync(CancellationToken cancellationToken)
    {
        if (
            !(
                jwksUri.Scheme == Uri.UriSchemeHttps
                || (options.AllowHttpLoopback && jwksUri.Scheme == Uri.UriSchemeHttp && jwksUri.IsLoopback)
            )
        )
        {
            return Fail(VerificationFailure.KeyNotFound, "The client's jwks_uri must be an HTTPS URL.");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AttemptTimeout);
        try
        {
            using var response = await http.GetAsync(jwksUri, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return Fail(VerificationFailure.KeyNotFound, $"The client's jwks_uri answered {(int)response.StatusCode}.");
            }
            var body = await GuardedHttpClient.ReadBoundedAsync(response.Content, MaxJwksBytes, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                return Fail(VerificationFailure.Oversized, $"The client's JWKS is larger than {MaxJwksBytes} bytes.");
            }
            return JwksKeyResolver.TryParse(System.Text.Encoding.UTF8.GetString(body), out var keys, out var error)
                ? VerificationResult<JwksKeyResolver>.Success(keys!)
                : Fail(VerificationFailure.KeyNotFound, "The client's jwks_uri " + error + ".");
        }
        catch (HttpRequestException e) when (GuardedHttpClient.IsAddressRefusal(e))
        {
            return Fail(VerificationFailure.AddressRefused, "The client's jwks_uri resolves to an address that may not be reached.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Fail(VerificationFailure.KeyNotFound, "The client's jwks_uri could not be fetched.");
        }
    }

    private static VerificationResult<JwksKeyResolver> Fail(VerificationFailure reason, string message) =>
        VerificationResult<JwksKeyResolver>.Fail(reason, message);
}
