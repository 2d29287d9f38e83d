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
    private readonly ConcurrentDictionary<string, Task<CachedList>> _fetching = new(StringComparer.Ordinal);

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
            return Unknown("a status entry names no readable list and index");
        }
        var list = await GetListAsync(issuer, reference, cancellationToken).ConfigureAwait(false);
        if (list.Error is not null)
        {
            return Unknown(list.Error);
        }
        var length = reference.IsTokenStatusList ? list.Tokens!.Length : list.Bits!.Length;
        if (reference.Index >= length)
        {
            return Unknown($"index {reference.Index} is outside {reference.List}");
        }
        if (reference.IsTokenStatusList)
        {
            return list.Tokens![reference.Index] switch
            {
                TokenStatusList.Valid => CredentialStatusResult.Valid,
                TokenStatusList.Invalid => Marked(CredentialStatusState.Revoked, reference),
                TokenStatusList.Suspended => Marked(CredentialStatusState.Suspended, reference),
                var other => Unknown($"status value {other} at {reference.List}"),
            };
        }
        if (!list.Bits![reference.Index])
        {
            return CredentialStatusResult.Valid;
        }
        return reference.Purpose switch
        {
            StatusPurposes.Revocation => Marked(CredentialStatusState.Revoked, reference),
            StatusPurposes.Suspension => Marked(CredentialStatusState.Suspended, reference),
            // A purpose this verifier does not act on (e.g. "message", "refresh") says nothing about validity.
            _ => CredentialStatusResult.Valid,
        };
    }

    private static CredentialStatusResult Unknown(string why) => new(CredentialStatusState.Unknown, "status unknown: " + why);

    private static CredentialStatusResult Marked(CredentialStatusState state, StatusListReference reference) =>
        new(state, $"{(state == CredentialStatusState.Revoked ? "revoked" : "suspended")} ({reference.List}, index {reference.Index})");

    private async Task<CachedList> GetListAsync(string issuer, StatusListReference reference, CancellationToken cancellationToken)
    {
        var key = (reference.IsTokenStatusList ? "t|" : "b|" + reference.Purpose + "|") + issuer + "|" + reference.List.AbsoluteUri;
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > _time.GetUtcNow())
        {
            return cached;
        }
        // Concurrent checks of one list share one fetch (bounded by Timeout); a caller leaving does not cancel it.
        while (true)
        {
            var fetch = _fetching.GetOrAdd(key, _ => FetchAndCacheAsync(issuer, reference));
            if (fetch.IsCompletedSuccessfully && fetch.Result.Expires <= _time.GetUtcNow())
            {
                // A finished fetch nobody removed (its callers left): never serve its stale list.
                _fetching.TryRemove(new KeyValuePair<string, Task<CachedList>>(key, fetch));
                continue;
            }
            try
            {
                var fetched = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
                Store(key, fetched);
                return fetched;
            }
            finally
            {
                // Removed by whoever sees it finished, and only if it is still the registered one: a fetch that finished
                // before it was registered must not stay behind as the answer for ever.
                if (fetch.IsCompleted)
                {
                    _fetching.TryRemove(new KeyValuePair<string, Task<CachedList>>(key, fetch));
                }
            }
        }
    }

    private async Task<CachedList> FetchAndCacheAsync(string issuer, StatusListReference reference)
    {
        await Task.Yield(); // the fetch is registered before it starts
        return await FetchAsync(issuer, reference, CancellationToken.None).ConfigureAwait(false);
    }

    private void Store(string key, CachedList fetched)
    {
        var now = _time.GetUtcNow();
        if (_cache.Count >= _options.MaxCachedLists && !_cache.ContainsKey(key))
        {
            foreach (var stale in _cache.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _cache.TryRemove(stale, out _);
            }
            if (_cache.Count >= _options.MaxCachedLists)
            {
                _cache.TryRemove(_cache.MinBy(e => e.Value.Expires).Key, out _);
            }
        }
        _cache[key] = fetched;
    }

    private async Task<CachedList> FetchAsync(string issuer, StatusListReference reference, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        CachedList Failed(string error) => Failure(error, now);
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

    /// <summary>A list that could not be had, remembered for <see cref="StatusListClientOptions.FailureCacheDuration"/>.</summary>
    private CachedList Failure(string error, DateTimeOffset now) => new(null, null, error, now + _options.FailureCacheDuration);

    /// <summary>The list's payload once its signature verifies with a key of the credential's issuer; else why not.</summary>
    private async Task<(JsonElement Payload, string? Error)> VerifyListAsync(
        string token,
        JwsPolicy policy,
        string issuer,
        StatusListReference reference,
        CancellationToken cancellationToken
    )
    {
        var verified = await Jws.VerifyAsync(token, policy, _resolver, _time, cancellationToken).ConfigureAwait(false);
        if (!verified.Succeeded)
        {
            return (default, $"the list {reference.List} does not verify ({verified.Error.Message})");
        }
        return (verified.Value.Payload, ControllerError(issuer, verified.Value.Key, reference));
    }

    private async Task<CachedList> ReadTokenListAsync(
        string issuer,
        StatusListReference reference,
        string token,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var (payload, error) = await VerifyListAsync(token, TokenPolicy, issuer, reference, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Failure(error, now);
        }
        if (String(payload, "sub") != reference.List.AbsoluteUri)
        {
            return Failure($"the list's sub is not {reference.List}", now);
        }
        if (
            !payload.TryGetProperty("status_list", out var statusList)
            || statusList.ValueKind != JsonValueKind.Object
            || !statusList.TryGetProperty("bits", out var bits)
            || !bits.TryGetInt32(out var width)
            || TokenStatusList.Decode(String(statusList, "lst"), width, _options.MaxListBytes) is not { } list
        )
        {
            return Failure($"the list {reference.List} has no readable status_list", now);
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
        var (payload, error) = await VerifyListAsync(token, JwsPolicy.VcJwt, issuer, reference, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Failure(error, now);
        }
        var types =
            payload.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null).ToList()
                : [];
        if (!types.Contains("BitstringStatusListCredential") || String(payload, "id") is { } id && id != reference.List.AbsoluteUri)
        {
            return Failure($"{reference.List} is not its BitstringStatusListCredential", now);
        }
        if (
            !payload.TryGetProperty("credentialSubject", out var subject)
            || subject.ValueKind != JsonValueKind.Object
            || String(subject, "statusPurpose") != reference.Purpose
            || BitstringStatusList.Decode(String(subject, "encodedList"), _options.MaxListBytes) is not { } list
        )
        {
            return Failure($"the list {reference.List} has no readable {reference.Purpose} bitstring", now);
        }
        if (
            String(payload, "validUntil") is { } until
            && DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, out var validUntil)
            && validUntil < now
        )
        {
            return Failure($"the list {reference.List} expired at {until}", now);
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
