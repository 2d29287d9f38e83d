using System.Collections.Concurrent;
using System.Net;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GaiaX.Oid4vc.Credentials.DidWeb;

/// <summary>
/// Resolves did:web DIDs: URL rules (<see cref="DidWebUrl"/>), an SSRF-guarded client, redirects
/// followed one by one with the scheme re-checked, a size limit, attempt and total time limits,
/// retries of transient faults (Polly), and a cache with expiry (failures remembered briefly).
/// </summary>
public sealed class DidWebResolver
{
    private const int MaxCacheEntries = 2048;
    private readonly HttpClient _http;
    private readonly HttpClient? _mappedHttp;
    private readonly Dictionary<string, Uri> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly DidWebOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<Fetch> _pipeline;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    /// <param name="http">A client from <see cref="CreateHttpClient"/> (or one equally guarded).</param>
    public DidWebResolver(HttpClient http, DidWebOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        foreach (var (host, baseUrl) in options.Hosts)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"Setting 'DidWeb:Hosts:{host}': '{baseUrl}' is not an absolute http(s) URL.");
            }
            _hosts[host] = parsed;
        }
        if (_hosts.Count > 0)
        {
            _mappedHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = options.AttemptTimeout })
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _mappedHttp.DefaultRequestHeaders.Accept.ParseAdd(
                "application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8"
            );
        }
        _pipeline = new ResiliencePipelineBuilder<Fetch>()
            .AddTimeout(options.Timeout)
            .AddRetry(
                new RetryStrategyOptions<Fetch>
                {
                    MaxRetryAttempts = Math.Max(options.MaxRetries, 0) is 0 ? 1 : options.MaxRetries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(args.Outcome)),
                }
            )
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The SSRF-guarded client for did:web (and x5u) fetches under these options.</summary>
    public static HttpClient CreateHttpClient(DidWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var guardOptions = new SsrfGuardOptions { AllowLoopback = options.SsrfGuard.AllowLoopback || options.AllowHttpLoopback };
        foreach (var endpoint in options.SsrfGuard.AllowedEndpoints)
        {
            guardOptions.AllowedEndpoints.Add(endpoint);
        }
        foreach (var network in options.SsrfGuard.AllowedNetworks)
        {
            guardOptions.AllowedNetworks.Add(network);
        }
        var client = GuardedHttpClient.Create(new SsrfGuard(guardOptions), System.Threading.Timeout.InfiniteTimeSpan);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8");
        return client;
    }

    public DidWebOptions Options => _options;

    /// <summary>Resolves <paramref name="did"/> (a DID, not a DID URL).</summary>
    public Task<VerificationResult<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(did, out var cached) && cached.Expires > now)
        {
            return cached.Result;
        }
        if (_cache.Count > MaxCacheEntries)
        {
            _cache.Clear();
        }
        // Concurrent callers for the same DID share one fetch; the fetch itself is not cancelled by one caller leaving.
        var entry = _cache.AddOrUpdate(did, _ => Start(did), (_, existing) => existing.Expires > now ? existing : Start(did));
        return entry.Result.WaitAsync(cancellationToken);
    }

    /// <summary>Drops a cached document (e.g. after key rotation was announced).</summary>
    public void Invalidate(string did) => _cache.TryRemove(did, out _);

    private CacheEntry Start(string did)
    {
        var entry = new CacheEntry(DateTimeOffset.MaxValue);
        entry.Result = RunAsync(entry, did);
        return entry;
    }

    private async Task<VerificationResult<DidDocument>> RunAsync(CacheEntry entry, string did)
    {
        try
        {
            var result = await ResolveUncachedAsync(did).ConfigureAwait(false);
            entry.Expires = _time.GetUtcNow() + (result.Succeeded ? _options.CacheDuration : _options.FailureCacheDuration);
            return result;
        }
        catch
        {
            entry.Expires = DateTimeOffset.MinValue;
            throw;
        }
    }

    private async Task<VerificationResult<DidDocument>> ResolveUncachedAsync(string did)
    {
        var url = DidWebUrl.ToDocumentUrl(did, _options.AllowHttpLoopback);
        if (!url.Succeeded)
        {
            return url.Error;
        }
        var current = url.Value;
        var client = _http;
        var authority = did[DidWebUrl.Prefix.Length..].Split(':', 2)[0];
        if (_mappedHttp is not null && _hosts.TryGetValue(authority, out var mapped))
        {
            current = new Uri(mapped.AbsoluteUri.TrimEnd('/') + current.AbsolutePath);
            client = _mappedHttp;
        }
        try
        {
            for (var hop = 0; ; hop++)
            {
                var target = current;
                var fetchClient = client;
                var fetch = await _pipeline
                    .ExecuteAsync(async token => await FetchAsync(fetchClient, target, token).ConfigureAwait(false), CancellationToken.None)
                    .ConfigureAwait(false);
                if (fetch.Location is not null)
                {
                    if (client == _mappedHttp)
                    {
                        return Fail($"The mapped DID host {authority} ({current}) answered a redirect; mapped hosts are not redirected.");
                    }
                    if (hop >= _options.MaxRedirects)
                    {
                        return Fail($"More than {_options.MaxRedirects} redirects.");
                    }
                    var next = new Uri(current, fetch.Location);
                    var allowed =
                        next.Scheme == Uri.UriSchemeHttps
                        || (_options.AllowHttpLoopback && next.Scheme == Uri.UriSchemeHttp && DidWebUrl.IsLoopbackHost(next.Host));
                    if (!allowed)
                    {
                        return Fail($"Redirect to '{next.Scheme}' URL refused; did:web is HTTPS only.");
                    }
                    current = next;
                    continue;
                }
                if (fetch.Oversized)
                {
                    return VerificationResult<DidDocument>.Fail(
                        VerificationFailure.Oversized,
                        $"The DID document is larger than {_options.MaxDocumentBytes} bytes."
                    );
                }
                if (fetch.Status != HttpStatusCode.OK || fetch.Body is null)
                {
                    return Fail($"The DID document URL {current} answered {(int)fetch.Status}.");
                }
                return DidDocument.Parse(fetch.Body, did);
            }
        }
        catch (TimeoutRejectedException)
        {
            return Fail($"Resolving {did} timed out.");
        }
        catch (HttpRequestException ex) when (GuardedHttpClient.IsAddressRefusal(ex))
        {
            return VerificationResult<DidDocument>.Fail(VerificationFailure.AddressRefused, $"Resolving {did}: {Innermost(ex).Message}");
        }
        catch (HttpRequestException ex)
        {
            return Fail($"Resolving {did} failed: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            return Fail($"Resolving {did} timed out.");
        }
    }

    private async ValueTask<Fetch> FetchAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        if ((int)status is >= 300 and < 400 && status != HttpStatusCode.NotModified)
        {
            return new Fetch(
                status,
                null,
                response.Headers.Location?.OriginalString ?? throw new HttpRequestException("A redirect without Location."),
                false
            );
        }
        if (status != HttpStatusCode.OK)
        {
            return new Fetch(status, null, null, false);
        }
        var body = await GuardedHttpClient
            .ReadBoundedAsync(response.Content, _options.MaxDocumentBytes, cancellationToken)
            .ConfigureAwait(false);
        return new Fetch(status, body, null, body is null);
    }

    private static bool IsTransient(Outcome<Fetch> outcome) =>
        outcome.Exception switch
        {
            HttpRequestException ex => !GuardedHttpClient.IsAddressRefusal(ex),
            TimeoutRejectedException => true,
            null => outcome.Result is { } r
                && ((int)r.Status >= 500 || r.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
            _ => false,
        };

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex;
    }

    private static VerificationResult<DidDocument> Fail(string message) =>
        VerificationResult<DidDocument>.Fail(VerificationFailure.DidResolutionFailed, message);

    private sealed record Fetch(HttpStatusCode Status, byte[]? Body, string? Location, bool Oversized);

    private sealed class CacheEntry(DateTimeOffset expires)
    {
        public DateTimeOffset Expires { get; set; } = expires;

        public Task<VerificationResult<DidDocument>> Result { get; set; } = null!;
    }
}
