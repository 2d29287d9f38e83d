using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GaiaX.Oid4vc.Compliance.Registry;

/// <summary>
/// The Gaia-X Registry API: <c>POST api/trustAnchor/chain/file {"uri"}</c> for a published chain,
/// <c>POST api/trustAnchor/chain {"certs"}</c> for an inline one (200 <c>{"result":true}</c>, 409 with a
/// reason), <c>GET api/trusted-issuers/registration-notary</c>, the terms and conditions and the
/// shapes. Answers are cached; transient faults are retried by the client's own resilience pipeline
/// (see <c>AddGaiaXRegistry</c>); what still fails is a <see cref="GaiaXRegistryUnavailableException"/>.
/// </summary>
public sealed class GaiaXRegistryClient : IGaiaXRegistry
{
    public const string HttpClientName = "gaiax-registry";

    private readonly HttpClient _http;
    private readonly RegistryAnswerCache _cache;

    public GaiaXRegistryClient(HttpClient http, IOptionsMonitor<GaiaXRegistryOptions> options, RegistryAnswerCache cache)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cache);
        _http = http;
        Options = options;
        _cache = cache;
    }

    private IOptionsMonitor<GaiaXRegistryOptions> Options { get; }

    public Task<TrustAnchorVerdict> VerifyCertificateChainAsync(CertificateChainReference chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Url is { } url)
        {
            return _cache.GetOrAddAsync(
                "chain-uri:" + url.AbsoluteUri,
                ct => PostChainAsync("api/trustAnchor/chain/file", new ChainFileRequest(url.AbsoluteUri), ct),
                cancellationToken
            );
        }
        var pem = new StringBuilder();
        foreach (var certificate in chain.Certificates)
        {
            pem.Append(PemEncoding.Write("CERTIFICATE", certificate.RawData)).Append('\n');
        }
        var certs = pem.ToString();
        var key = "chain:" + Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(certs)));
        return _cache.GetOrAddAsync(key, ct => PostChainAsync("api/trustAnchor/chain", new ChainRequest(certs), ct), cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetRegistrationNotariesAsync(CancellationToken cancellationToken) =>
        _cache.GetOrAddAsync("notaries", ct => LoadTrustedIssuersAsync("registration-notary", ct), cancellationToken);

    public Task<IReadOnlySet<string>> GetTrustedIssuersAsync(string role, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        return _cache.GetOrAddAsync("issuers:" + role, ct => LoadTrustedIssuersAsync(role, ct, absentIsNone: true), cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetTermsAndConditionsHashesAsync(CancellationToken cancellationToken) =>
        _cache.GetOrAddAsync("terms", LoadTermsAsync, cancellationToken);

    public Task<ShapeSource> GetShapesAsync(CancellationToken cancellationToken) =>
        _cache.GetOrAddAsync("shapes", LoadShapesAsync, cancellationToken);

    public Task<IReadOnlyList<EcosystemExtension>> GetEcosystemExtensionsAsync(CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(Options.CurrentValue.EcosystemExtensionsPath)
            ? Task.FromResult<IReadOnlyList<EcosystemExtension>>([])
            : _cache.GetOrAddAsync("extensions", LoadExtensionsAsync, cancellationToken);

    private async Task<TrustAnchorVerdict> PostChainAsync<TBody>(string path, TBody body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
                () =>
                    new HttpRequestMessage(HttpMethod.Post, path)
                    {
                        Content = JsonContent.Create(body, RegistryJsonContext.Default.Options.GetTypeInfo(typeof(TBody))),
                    },
                cancellationToken
            )
            .ConfigureAwait(false);

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return ReadResult(text)
                    ? TrustAnchorVerdict.Yes
                    : TrustAnchorVerdict.No("The registry found no trust anchor for the certificate chain.");
            case HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity:
                // The registry judged the chain (409) or refused it as malformed: a verdict about the chain.
                return TrustAnchorVerdict.No("The registry rejected the certificate chain: " + ReadReason(text));
            default:
                throw Unavailable($"{path} answered {(int)response.StatusCode}");
        }
    }

    private async Task<IReadOnlySet<string>> LoadTrustedIssuersAsync(
        string role,
        CancellationToken cancellationToken,
        bool absentIsNone = false
    )
    {
        var path = "api/trusted-issuers/" + Uri.EscapeDataString(role);
        using var document = await GetJsonAsync(path, cancellationToken, absentIsNone).ConfigureAwait(false);
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (document is null)
        {
            return result;
        }
        var root = document.RootElement;
        var items =
            root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("items", out var inner)
            && inner.ValueKind == JsonValueKind.Array
                ? inner
            : throw Unavailable(path + " did not answer a list");
        foreach (var item in items.EnumerateArray())
        {
            var did = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => FirstString(item, "did", "id", "issuer"),
                _ => null,
            };
            if (!string.IsNullOrEmpty(did))
            {
                result.Add(did);
            }
        }
        return result;
    }

    private async Task<IReadOnlySet<string>> LoadTermsAsync(CancellationToken cancellationToken)
    {
        var path = Options.CurrentValue.TermsAndConditionsPath;
        using var document = (await GetJsonAsync(path, cancellationToken).ConfigureAwait(false))!;
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries =
            document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().ToArray()
                : [document.RootElement];
        foreach (var entry in entries)
        {
            if (
                entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("hashes", out var hashes)
                && hashes.ValueKind == JsonValueKind.Array
            )
            {
                // Every text the release accepts (our Registry lists them beside the current one).
                result.UnionWith(hashes.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!));
            }
            if (FirstString(entry, "hash") is { } hash)
            {
                result.Add(hash);
            }
            else if (FirstString(entry, "text") is { } text)
            {
                // The registry publishes the text; issuers sign its SHA-256 in hex.
                result.Add(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
            }
        }
        if (result.Count == 0)
        {
            throw Unavailable($"{path} answered no terms and conditions");
        }
        return result;
    }

    private async Task<ShapeSource> LoadShapesAsync(CancellationToken cancellationToken)
    {
        var path = Options.CurrentValue.ShapesPath;
        var turtle = await GetTurtleAsync(path, cancellationToken).ConfigureAwait(false);
        var ontology = string.IsNullOrWhiteSpace(Options.CurrentValue.OntologyPath)
            ? null
            : await GetTurtleAsync(Options.CurrentValue.OntologyPath, cancellationToken).ConfigureAwait(false);
        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(turtle + "\n" + ontology)))[..16];
        return new ShapeSource(new Uri(_http.BaseAddress!, path).AbsoluteUri, version, turtle, ontology);
    }

    private async Task<IReadOnlyList<EcosystemExtension>> LoadExtensionsAsync(CancellationToken cancellationToken)
    {
        var path = Options.CurrentValue.EcosystemExtensionsPath!;
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        if (!response.IsSuccessStatusCode)
        {
            throw Unavailable($"{path} answered {(int)response.StatusCode}");
        }
        try
        {
            using var document = await JsonDocument
                .ParseAsync(
                    await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                    cancellationToken: cancellationToken
                )
                .ConfigureAwait(false);
            var extensions = new List<EcosystemExtension>();
            foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
            {
                extensions.Add(
                    EcosystemExtension.Checked(
                        item.GetProperty("name").GetString()!,
                        item.GetProperty("contextUrl").GetString()!,
                        item.GetProperty("context").GetRawText(),
                        item.GetProperty("shapes").GetString()!
                    )
                );
            }
            if (extensions.Count > EcosystemExtension.MaxExtensions)
            {
                throw Unavailable($"{path} lists {extensions.Count} extensions, more than {EcosystemExtension.MaxExtensions}");
            }
            return extensions;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Unavailable($"{path} did not answer a list of extensions the engine can use: {e.Message}", e);
        }
    }

    private async Task<string> GetTurtleAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, path);
                    request.Headers.Accept.ParseAdd("text/turtle");
                    return request;
                },
                cancellationToken
            )
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Unavailable($"{path} answered {(int)response.StatusCode}");
        }
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument?> GetJsonAsync(string path, CancellationToken cancellationToken, bool absentIsNone = false)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        if (absentIsNone && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw Unavailable($"{path} answered {(int)response.StatusCode}");
        }
        try
        {
            return await JsonDocument
                .ParseAsync(
                    await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                    cancellationToken: cancellationToken
                )
                .ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Unavailable($"{path} did not answer JSON", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var message = request();
        try
        {
            return await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
            when (e
                    is HttpRequestException
                        or TimeoutException
                        or TaskCanceledException
                        or Polly.Timeout.TimeoutRejectedException
                        or Polly.CircuitBreaker.BrokenCircuitException
                && !cancellationToken.IsCancellationRequested
            )
        {
            throw Unavailable($"{message.RequestUri} could not be reached ({e.GetType().Name})", e);
        }
    }

    private static bool ReadResult(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("result", out var result)
                && result.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            throw Unavailable("the trust-anchor answer was not JSON");
        }
    }

    private static string ReadReason(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (FirstString(root, "message", "reason", "error", "detail") is { } reason)
                {
                    return reason;
                }
                if (root.TryGetProperty("message", out var messages) && messages.ValueKind == JsonValueKind.Array)
                {
                    return string.Join("; ", messages.EnumerateArray().Select(m => m.ToString()));
                }
            }
        }
        catch (JsonException) { }
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "no reason given" : trimmed[..Math.Min(trimmed.Length, 300)];
    }

    private static string? FirstString(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }
        return null;
    }

    private static GaiaXRegistryUnavailableException Unavailable(string what, Exception? inner = null) =>
        inner is null
            ? new GaiaXRegistryUnavailableException("The Gaia-X registry is unavailable: " + what + ".")
            : new GaiaXRegistryUnavailableException("The Gaia-X registry is unavailable: " + what + ".", inner);
}

internal sealed record ChainFileRequest(string Uri);

internal sealed record ChainRequest(string Certs);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase
)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ChainFileRequest))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ChainRequest))]
internal sealed partial class RegistryJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
