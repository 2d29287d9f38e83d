using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel;

namespace Issuer.Tests.Attacks;

/// <summary>
/// An outsider's view of the Issuer: raw HTTP, no wallet library, every answer returned rather than
/// asserted, so a test can say what it expects of each.
/// </summary>
public sealed class Attacker(IssuerFixture fixture) : IDisposable
{
    public const string RedirectUri = "https://wallet.example/cb";

    private readonly HttpClient _noRedirects = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseUrl };

    public sealed record Answer(HttpStatusCode Status, JsonObject? Body)
    {
        public string? Error => Body?["error"]?.GetValue<string>();

        public string? Get(string name) => Body?[name]?.GetValue<string>();

        public bool Ok => Status == HttpStatusCode.OK;
    }

    /// <summary>An offer through the management API: its id, credential offer object and tx_code.</summary>
    public async Task<(string OfferId, JsonObject CredentialOffer, string? TxCode)> OfferAsync(bool txCode)
    {
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer(txCode));
        return (created["offer_id"]!.GetValue<string>(), created["credential_offer"]!.AsObject(), created["tx_code"]?.GetValue<string>());
    }

    /// <summary>What anyone who sees the QR code gets: <c>GET /credential-offer/{id}</c>.</summary>
    public async Task<JsonObject> PublicOfferAsync(string offerId)
    {
        using var response = await fixture.Client.GetAsync($"/credential-offer/{offerId}");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static string PreAuthorizedCode(JsonObject offer) => TestWallet.PreAuthorizedCode(offer);

    public static string? IssuerState(JsonObject offer) => offer["grants"]?["authorization_code"]?["issuer_state"]?.GetValue<string>();

    /// <summary>The offer's <c>issuer_state</c> as the Issuer stored it, for an attacker who learnt it some other way.</summary>
    public async Task<string> StoredIssuerStateAsync(string offerId)
    {
        var state = await fixture.Dapr.StateAsync(GaiaX.Oid4vc.Dapr.AppIds.Issuer);
        var record = await state.GetAsync<JsonObject>("offer:" + offerId);
        return record!["issuerState"]!.GetValue<string>();
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = CryptoRandom.CreateUniqueId(48);
        return (verifier, System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> request)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await request(i);
        })).ToArray();
        start.SetResult();
        return Task.WhenAll(requests);
    }

    public async Task<Answer> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, AuthenticationHeaderValue? authorization = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        message.Headers.Authorization = authorization;
        using var response = await fixture.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return new Answer(response.StatusCode, body);
    }

    /// <summary><c>POST /par</c> for <paramref name="clientId"/> with an <c>issuer_state</c>; the <c>request_uri</c> or the error.</summary>
    public Task<Answer> PushAsync(string challenge, string? issuerState, string clientId = "test-wallet", params (string Name, string Value)[] extra)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", RedirectUri),
            new("code_challenge", challenge),
            new("code_challenge_method", "S256"),
            new("scope", "gx.LegalPerson"),
        };
        if (issuerState is not null)
        {
            fields.Add(new("issuer_state", issuerState));
        }
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return PostFormAsync("/par", fields);
    }

    /// <summary>
    /// <c>GET /authorize</c> with <paramref name="query"/>: for a 302 the redirect's query parameters
    /// (<c>code</c> or <c>error</c>), otherwise the error body's members.
    /// </summary>
    public async Task<(HttpStatusCode Status, Dictionary<string, string> Parameters)> AuthorizeAsync(string query)
    {
        using var response = await _noRedirects.GetAsync("/authorize?" + query);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!;
            return (response.StatusCode, location.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1])));
        }
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (response.StatusCode, body.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty));
    }

    public Task<(HttpStatusCode Status, Dictionary<string, string> Parameters)> AuthorizePushedAsync(string requestUri, string clientId = "test-wallet") =>
        AuthorizeAsync($"client_id={Uri.EscapeDataString(clientId)}&request_uri={Uri.EscapeDataString(requestUri)}");

    /// <summary>PAR then <c>/authorize</c> with an offer's <c>issuer_state</c>: the authorization code (or null) and the PKCE verifier.</summary>
    public async Task<(string? Code, string Verifier, Dictionary<string, string> Response)> AuthorizationCodeAsync(string issuerState, string clientId = "test-wallet")
    {
        var (verifier, challenge) = Pkce();
        var par = await PushAsync(challenge, issuerState, clientId);
        Assert.True(par.Status == HttpStatusCode.Created, $"/par answered {(int)par.Status}: {par.Body}");
        var (_, parameters) = await AuthorizePushedAsync(par.Get("request_uri")!, clientId);
        return (parameters.GetValueOrDefault("code"), verifier, parameters);
    }

    public Task<Answer> PreAuthorizedTokenAsync(string code, string? txCode, params (string Name, string Value)[] extra)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", TestWallet.PreAuthorizedGrant), new("pre-authorized_code", code) };
        if (txCode is not null)
        {
            fields.Add(new("tx_code", txCode));
        }
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return PostFormAsync("/token", fields);
    }

    public Task<Answer> AuthorizationCodeTokenAsync(string code, string verifier, string clientId = "test-wallet", params (string Name, string Value)[] extra) =>
        PostFormAsync("/token", [
            new("grant_type", "authorization_code"), new("code", code), new("code_verifier", verifier),
            new("client_id", clientId), new("redirect_uri", RedirectUri),
            .. extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value))]);

    public Task<Answer> RefreshAsync(string refreshToken, params (string Name, string Value)[] extra) =>
        PostFormAsync("/token", [new("grant_type", "refresh_token"), new("refresh_token", refreshToken), .. extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value))]);

    /// <summary>A credential request with <paramref name="accessToken"/> (Bearer) and a fresh key proof.</summary>
    public async Task<HttpStatusCode> CredentialAsync(string accessToken)
    {
        using var wallet = fixture.NewWallet();
        var (status, _, response) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        });
        response.Dispose();
        return status;
    }

    public void Dispose() => _noRedirects.Dispose();
}
