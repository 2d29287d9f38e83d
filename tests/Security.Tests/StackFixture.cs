using System.Net.Http.Headers;
using GaiaX.Oid4vc.DevHost;
using GaiaX.Oid4vc.DevHost.Onboarding;

namespace Security.Tests;

/// <summary>
/// The whole DevHost stack on free ports, attacked from outside over HTTP as a stranger would: no
/// test here reaches into a service, every request is one a client on the network could send.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public ManagementTokens Tokens { get; } = new(TimeProvider.System);

    public DevStack Stack { get; private set; } = null!;

    public HttpClient Client { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Stack = await DevStack.StartAsync(new DevStackSettings
        {
            IssuerPort = 0,
            VerifierPort = 0,
            NotaryPort = 0,
            CompliancePort = 0,
            RegistryPort = 0,
            ServiceArgs = [.. Tokens.ServiceArguments()],
        });
    }

    /// <summary>
    /// A wallet's access token for the Issuer, got the way a wallet gets one: an offer without a
    /// tx_code, redeemed at <c>/token</c> with its pre-authorized code.
    /// </summary>
    public async Task<string> WalletAccessTokenAsync()
    {
        using var create = Management(HttpMethod.Post, "issuer", "/api/offers");
        create.Content = System.Net.Http.Json.JsonContent.Create(new System.Text.Json.Nodes.JsonObject
        {
            ["credential_configuration_ids"] = new System.Text.Json.Nodes.JsonArray("VatID"),
            ["claims"] = new System.Text.Json.Nodes.JsonObject { ["VatID"] = new System.Text.Json.Nodes.JsonObject { ["gx:vatID"] = "DE812345673", ["gx:countryCode"] = "DE" } },
            ["subject_id"] = "did:web:participant.example",
        });
        using var created = await Client.SendAsync(create);
        var offer = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var code = (string)offer["credential_offer"]!["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!;
        using var token = await Client.PostAsync(Url("issuer", "/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code",
            ["pre-authorized_code"] = code,
        }));
        var body = await token.Content.ReadAsStringAsync();
        return (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["access_token"] ?? throw new InvalidOperationException("No access token: " + body);
    }

    /// <summary>A live offer (with a tx_code) made through the management API.</summary>
    public async Task<string> OfferIdAsync()
    {
        using var create = Management(HttpMethod.Post, "issuer", "/api/offers");
        create.Content = System.Net.Http.Json.JsonContent.Create(new System.Text.Json.Nodes.JsonObject
        {
            ["credential_configuration_ids"] = new System.Text.Json.Nodes.JsonArray("VatID"),
            ["claims"] = new System.Text.Json.Nodes.JsonObject { ["VatID"] = new System.Text.Json.Nodes.JsonObject { ["gx:vatID"] = "DE812345673", ["gx:countryCode"] = "DE" } },
            ["subject_id"] = "did:web:participant.example",
            ["tx_code"] = new System.Text.Json.Nodes.JsonObject { ["input_mode"] = "numeric", ["length"] = 6 },
        });
        using var created = await Client.SendAsync(create);
        return (string)System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["offer_id"]!;
    }

    /// <summary>A live presentation request (direct_post.jwt, request URI by POST) made through the management API.</summary>
    public async Task<string> PresentationRequestIdAsync()
    {
        using var create = Management(HttpMethod.Post, "verifier", "/api/presentation-requests");
        create.Content = System.Net.Http.Json.JsonContent.Create(new System.Text.Json.Nodes.JsonObject
        {
            ["response_mode"] = "direct_post.jwt",
            ["request_uri_method"] = "post",
            ["dcql_query"] = new System.Text.Json.Nodes.JsonObject
            {
                ["credentials"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                {
                    ["id"] = "any",
                    ["format"] = "jwt_vc_json",
                    ["meta"] = new System.Text.Json.Nodes.JsonObject { ["type_values"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonArray("https://www.w3.org/2018/credentials#VerifiableCredential")) },
                }),
            },
        });
        using var created = await Client.SendAsync(create);
        var text = await created.Content.ReadAsStringAsync();
        return (string?)System.Text.Json.Nodes.JsonNode.Parse(text)!["request_id"] ?? throw new InvalidOperationException("No presentation request: " + text);
    }

    public Uri Url(string service, string path) => new(Stack[service].BaseUrl, path);

    /// <summary>A request with the management bearer token of the Issuer or the Verifier.</summary>
    public HttpRequestMessage Management(HttpMethod method, string service, string path)
    {
        var request = new HttpRequestMessage(method, Url(service, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service == "issuer" ? Tokens.IssuerToken() : Tokens.VerifierToken());
        return request;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Stack.DisposeAsync();
        Tokens.Dispose();
    }
}
