using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;

namespace GaiaX.Oid4vc.Credentials.Status;

/// <summary>
/// Checks credentials against their status lists: fetches each list through the SSRF-guarded client (bounded size and
/// time), verifies its signature by the credential issuer's key, reuses it for its <c>ttl</c> (bounded cache, failures
/// remembered briefly) and reads the entry. A list that cannot be had gives <see cref="CredentialStatusState.Unknown"/>,
/// never revoked.
/// </summary>
public sealed class StatusListClient
{
    private static readonly JwsPolicy TokenPolicy = new()
    {
        AllowedTypes = JwsPolicy.Set(StatusListCredentials.StatusListJwtType),
        RequireIssuedAt = true,
        RequireKeyId = true,
    };

    private readonly HttpClient _http;
    private readonly HttpClient? _mappedHttp;
    private readonly IJwsKeyResolver _resolver;
    private readonly TimeProvider _time;
    private readonly StatusListClientOptions _options;
    private readonly IReadOnlyDictionary<string, Uri> _hosts;
    private readonly ConcurrentDictionary<string, CachedList> _cache = new(StringComparer.Ordinal);

    /// <param name="http">An SSRF-guarded client (as for did:web).</param>
    /// <param name="hosts">Hosts whose lists are fetched from another base URL (DidWeb:Hosts: the operator's own services).</param>
    public StatusListClient(
        HttpClient http,
        IJwsKeyResolver resolver,
        TimeProvider time,
        StatusListClientOptions options,
        IReadOnlyDictionary<string, Uri>? hosts = null
    )
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _time = time ?? TimeProvider.System;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _hosts = hosts ?? new Dictionary<string, Uri>();
        if (_hosts.Count > 0)
        {
            // The operator's own services, reached inside the cluster: not through the SSRF guard, never redirected.
            _mappedHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = options.Timeout })
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
        }
    }

    public StatusListClientOptions Options => _options;

    /// <summary>Checks every reference of a credential issued by <paramref name="issuer"/>; the worst state wins.</summary>
    public async Task<CredentialStatusResult> CheckAsync(
        string issuer,
        IReadOnlyList<StatusListReference> references,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(references);
        var results = new List<CredentialStatusResult>(references.Count);
        foreach (var reference in references)
        {
            results.Add(await CheckAsync(issuer, reference, cancellationToken).ConfigureAwait(false));
        }
        return results.FirstOrDefault(r => r.State == CredentialStatusState.Revoked)
            ?? results.FirstOrDefault(r => r.State == CredentialStatusState.Suspended)
            ?? results.FirstOrDefault(r => r.State == CredentialStatusState.Unknown)
            ?? CredentialStatusResult.Valid;
    }

    private async Task<CredentialStatusResult> CheckAsync(string issuer, StatusListReference reference, CancellationToken cancellationToken)
    {
        if (reference.IsMalformed)
        {
            return new CredentialStatusResult(
                CredentialStatusState.Unknown,
                "status unknown: a status entry names no readable list and index"
            );
        }
        var list = await GetListAsync(issuer, reference, cancellationToken).ConfigureAwait(false);
        if (list.Error is not null)
        {
            return new CredentialStatusResult(CredentialStatusState.Unknown, $"status unknown: {list.Error}");
        }
        if (reference.IsTokenStatusList)
        {
            var tokens = list.Tokens!;
            if (reference.Index >= tokens.Length)
            {
                return new CredentialStatusResult(
                    CredentialStatusState.Unknown,
                    $"status unknown: index {reference.Index} is outside {reference.List}"
                );
            }
            return tokens[reference.Index] switch
            {
                TokenStatusList.Valid => CredentialStatusResult.Valid,
                TokenStatusList.Invalid => new CredentialStatusResult(
                    CredentialStatusState.Revoked,
                    $"revoked ({reference.List}, index {reference.Index})"
                ),
                TokenStatusList.Suspended => new CredentialStatusResult(
                    CredentialStatusState.Suspended,
                    $"suspended ({reference.List}, index {reference.Index})"
                ),
                var other => new CredentialStatusResult(
                    CredentialStatusState.Unknown,
                    $"status unknown: status value {other} at {reference.List}"
                ),
            };
        }
        var bits = list.Bits!;
        if (reference.Index >= bits.Length)
        {
            return new CredentialStatusResult(
                CredentialStatusState.Unknown,
                $"status unknown: index {reference.Index} is outside {reference.List}"
            );
        }
        if (!bits[reference.Index])
        {
            return CredentialStatusResult.Valid;
        }
        return reference.Purpose switch
        {
            StatusPurposes.Revocation => new CredentialStatusResult(
                CredentialStatusState.Revoked,
                $"revoked ({reference.List}, index {reference.Index})"
            ),
            StatusPurposes.Suspension => new CredentialStatusResult(
                CredentialStatusState.Suspended,
                $"suspended ({reference.List}, index {reference.Index})"
            ),
            // A purpose this verifier does not act on (e.g. "message", "refresh") says nothing about validity.
            _ => CredentialStatusResult.Valid,
        };
    }

    private async Task<CachedList> GetListAsync(string issuer, StatusListReference reference, CancellationToken cancellationToken)
    {
        var key = (reference.IsTokenStatusList ? "t|" : "b|" + reference.Purpose + "|") + issuer + "|" + reference.List.AbsoluteUri;
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached;
        }
        var fetched = await FetchAsync(issuer, reference, cancellationToken).ConfigureAwait(false);
        if (_cache.Count >= _options.MaxCachedLists)
        {
            foreach (var stale in _cache.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _cache.TryRemove(stale, out _);
            }
            if (_cache.Count >= _options.MaxCachedLists)
            {
                var oldest = _cache.MinBy(e => e.Value.Expires).Key;
                _cache.TryRemove(oldest, out _);
            }
        }
        _cache[key] = fetched;
        return fetched;
    }

    private async Task<CachedList> FetchAsync(string issuer, StatusListReference reference, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        CachedList Failed(string error) => new(null, null, error, now + _options.FailureCacheDuration);
        string body;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            var (target, client) = Mapped(reference.List);
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            request.Headers.Accept.Add(
                new MediaTypeWithQualityHeaderValue(
                    reference.IsTokenStatusList ? StatusListCredentials.StatusListJwtMediaType : "application/vc+jwt"
                )
            );
            using var response = await client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"{reference.List} answered {(int)response.StatusCode}");
            }
            var bytes = await GuardedHttpClient
                .ReadBoundedAsync(response.Content, _options.MaxResponseBytes, timeout.Token)
                .ConfigureAwait(false);
            if (bytes is null)
            {
                return Failed($"{reference.List} is larger than {_options.MaxResponseBytes} bytes");
            }
            body = Encoding.ASCII.GetString(bytes).Trim();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"{reference.List} did not answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException failure)
        {
            return Failed($"{reference.List} could not be fetched ({failure.Message})");
        }
        return reference.IsTokenStatusList
            ? await ReadTokenListAsync(issuer, reference, body, now, cancellationToken).ConfigureAwait(false)
            : await ReadBitstringListAsync(issuer, reference, body, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CachedList> ReadTokenListAsync(
        string issuer,
        StatusListReference reference,
        string token,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var verified = await Jws.VerifyAsync(token, TokenPolicy, _resolver, _time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return new(
                null,
                null,
                $"the list {reference.List} does not verify ({verified.Error.Message})",
                now + _options.FailureCacheDuration
            );
        }
        var payload = verified.Value.Payload;
        if (ControllerError(issuer, verified.Value.Key, reference) is { } controller)
        {
            return new(null, null, controller, now + _options.FailureCacheDuration);
        }
        if (String(payload, "sub") != reference.List.AbsoluteUri)
        {
            return new(null, null, $"the list's sub is not {reference.List}", now + _options.FailureCacheDuration);
        }
        if (
            !payload.TryGetProperty("status_list", out var statusList)
            || statusList.ValueKind != JsonValueKind.Object
            || !statusList.TryGetProperty("bits", out var bits)
            || !bits.TryGetInt32(out var width)
            || TokenStatusList.Decode(String(statusList, "lst"), width, _options.MaxListBytes) is not { } list
        )
        {
            return new(null, null, $"the list {reference.List} has no readable status_list", now + _options.FailureCacheDuration);
        }
        var ttl =
            payload.TryGetProperty("ttl", out var seconds) && seconds.TryGetInt64(out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : _options.DefaultTtl;
        var expires = now + Min(ttl, _options.MaxTtl);
        if (payload.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var e))
        {
            expires = Min(expires, DateTimeOffset.FromUnixTimeSeconds(e));
        }
        return new(list, null, null, expires);
    }

    private async Task<CachedList> ReadBitstringListAsync(
        string issuer,
        StatusListReference reference,
        string token,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var verified = await Jws.VerifyAsync(token, JwsPolicy.VcJwt, _resolver, _time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return new(
                null,
                null,
                $"the list {reference.List} does not verify ({verified.Error.Message})",
                now + _options.FailureCacheDuration
            );
        }
        var payload = verified.Value.Payload;
        if (ControllerError(issuer, verified.Value.Key, reference) is { } controller)
        {
            return new(null, null, controller, now + _options.FailureCacheDuration);
        }
        var types =
            payload.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null).ToList()
                : [];
        if (!types.Contains("BitstringStatusListCredential") || String(payload, "id") is { } id && id != reference.List.AbsoluteUri)
        {
            return new(null, null, $"{reference.List} is not its BitstringStatusListCredential", now + _options.FailureCacheDuration);
        }
        if (
            !payload.TryGetProperty("credentialSubject", out var subject)
            || subject.ValueKind != JsonValueKind.Object
            || String(subject, "statusPurpose") != reference.Purpose
            || BitstringStatusList.Decode(String(subject, "encodedList"), _options.MaxListBytes) is not { } list
        )
        {
            return new(
                null,
                null,
                $"the list {reference.List} has no readable {reference.Purpose} bitstring",
                now + _options.FailureCacheDuration
            );
        }
        if (
            String(payload, "validUntil") is { } until
            && DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, out var validUntil)
            && validUntil < now
        )
        {
            return new(null, null, $"the list {reference.List} expired at {until}", now + _options.FailureCacheDuration);
        }
        var ttl =
            subject.TryGetProperty("ttl", out var ms) && ms.TryGetInt64(out var m) && m > 0
                ? TimeSpan.FromMilliseconds(m)
                : _options.DefaultTtl;
        return new(null, list, null, now + Min(ttl, _options.MaxTtl));
    }

    private static string? ControllerError(string issuer, ResolvedKey key, StatusListReference reference) =>
        issuer.StartsWith("did:", StringComparison.Ordinal) && !string.Equals(key.Controller, issuer, StringComparison.Ordinal)
            ? $"the list {reference.List} is signed by {key.Controller ?? "an unknown key"}, not by the credential's issuer {issuer}"
            : null;

    private (Uri Target, HttpClient Client) Mapped(Uri list)
    {
        var authority = list.IsDefaultPort ? list.Host : $"{list.Host}%3A{list.Port}";
        return _mappedHttp is not null && _hosts.TryGetValue(authority, out var target)
            ? (new Uri(target.AbsoluteUri.TrimEnd('/') + list.PathAndQuery), _mappedHttp)
            : (list, _http);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record CachedList(TokenStatusList? Tokens, BitstringStatusList? Bits, string? Error, DateTimeOffset Expires);
}
