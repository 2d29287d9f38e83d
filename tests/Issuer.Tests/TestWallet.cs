using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests;

/// <summary>
/// A wallet as OpenID4VCI 1.0 describes it: reads offers, gets tokens with Duende.IdentityModel,
/// fetches nonces, signs key proofs and DPoP proofs with its own P-256 keys.
/// </summary>
public sealed class TestWallet(IssuerFixture fixture) : IDisposable
{
    public const string PreAuthorizedGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    private readonly List<ECDsa> _keys = [];

    public HttpClient Http => fixture.Client;

    public string IssuerId => fixture.IssuerId;

    public ECDsa NewKey()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _keys.Add(key);
        return key;
    }

    public static JsonObject PublicJwk(ECDsa key) => Jose.PublicJwk(key);

    public static JsonObject PrivateJwk(ECDsa key)
    {
        var p = key.ExportParameters(true);
        var jwk = PublicJwk(key);
        jwk["d"] = Base64Url.EncodeToString(p.D);
        return jwk;
    }

    public static string Thumbprint(ECDsa key)
    {
        var jwk = PublicJwk(key);
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>A compact JWS; <paramref name="alg"/> "none" produces an unsigned token.</summary>
    public static string Sign(JsonObject header, JsonObject payload, ECDsa key, string alg = "ES256") => Jose.Sign(header, payload, key, alg);

    public long Now => fixture.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A key proof (OpenID4VCI 1.0 appendix F.1) for <paramref name="nonce"/>.</summary>
    public string Proof(ECDsa key, string? nonce, Action<JsonObject, JsonObject>? tamper = null, string alg = "ES256")
    {
        var header = new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["jwk"] = PublicJwk(key) };
        var payload = new JsonObject { ["aud"] = IssuerId, ["iat"] = Now };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }
        tamper?.Invoke(header, payload);
        return Sign(header, payload, key, alg);
    }

    /// <summary>A DPoP proof (RFC 9449) for a request, with <c>ath</c> when an access token is given.</summary>
    public string DpopProof(ECDsa key, string method, string url, string? accessToken = null, string? nonce = null)
    {
        var payload = new JsonObject { ["htm"] = method, ["htu"] = url, ["iat"] = Now, ["jti"] = Guid.NewGuid().ToString() };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }
        if (accessToken is not null)
        {
            payload["ath"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
        }
        return Sign(new JsonObject { ["typ"] = "dpop+jwt", ["jwk"] = PublicJwk(key) }, payload, key);
    }

    /// <summary>Resolves <c>openid-credential-offer://?credential_offer_uri=...</c> the way a wallet does.</summary>
    public async Task<JsonObject> ResolveOfferAsync(string offerUri)
    {
        var query = new Uri(offerUri).Query.TrimStart('?');
        var parameters = query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        if (parameters.TryGetValue("credential_offer", out var byValue))
        {
            return JsonNode.Parse(byValue)!.AsObject();
        }
        using var response = await Http.GetAsync(new Uri(parameters["credential_offer_uri"]));
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static string PreAuthorizedCode(JsonObject offer) =>
        offer["grants"]![PreAuthorizedGrant]!["pre-authorized_code"]!.GetValue<string>();

    public Task<TokenResponse> RequestPreAuthorizedTokenAsync(string code, string? txCode, string? dpopProof = null, string? authorizationDetails = null)
    {
        var request = new TokenRequest
        {
            Address = IssuerId + "/token",
            GrantType = PreAuthorizedGrant,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            DPoPProofToken = dpopProof,
            Parameters = { { "pre-authorized_code", code } },
        };
        if (txCode is not null)
        {
            request.Parameters.Add("tx_code", txCode);
        }
        if (authorizationDetails is not null)
        {
            request.Parameters.Add("authorization_details", authorizationDetails);
        }
        return Http.RequestTokenAsync(request);
    }

    /// <summary>The refresh token grant (RFC 6749 section 6), as a public client.</summary>
    public Task<TokenResponse> RefreshAsync(string refreshToken, string? dpopProof = null, string? clientId = null, string? scope = null) =>
        Http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = IssuerId + "/token",
            ClientId = clientId ?? string.Empty,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
            DPoPProofToken = dpopProof,
            Scope = scope,
        });

    /// <summary>Offer created, resolved by reference, redeemed with its transaction code: the access token.</summary>
    public async Task<string> PreAuthorizedAccessTokenAsync(object offerRequest)
    {
        var created = await fixture.CreateOfferAsync(offerRequest);
        var offer = await ResolveOfferAsync(created["offer_uri"]!.GetValue<string>());
        var token = await RequestPreAuthorizedTokenAsync(PreAuthorizedCode(offer), created["tx_code"]?.GetValue<string>());
        Assert.False(token.IsError, token.Error + " " + token.ErrorDescription);
        return token.AccessToken!;
    }

    public async Task<string> NonceAsync()
    {
        using var response = await Http.PostAsync("/nonce", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["c_nonce"]!.GetValue<string>();
    }

    /// <summary>POSTs a JSON body to a protected endpoint with the token (Bearer, or DPoP with a fresh proof).</summary>
    public async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> PostAsync(string path, string accessToken, object body, ECDsa? dpopKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (dpopKey is null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        else
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("DPoP", accessToken);
            message.Headers.Add("DPoP", DpopProof(dpopKey, "POST", IssuerId + path, accessToken));
        }
        var response = await Http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject(), response);
    }

    public Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> RequestCredentialAsync(string accessToken, object body, ECDsa? dpopKey = null) =>
        PostAsync("/credential", accessToken, body, dpopKey);

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }
}
