using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 15 of issue 18: JSON bodies an attacker controls — invalid UTF-8 inside a string or a
/// member name, an escaped lone surrogate, nesting past the limit, numbers no type holds, wrong JSON
/// types, duplicate members — are the client's mistake on every JSON endpoint: 400 with the
/// endpoint's error code (OpenID4VCI error on protocol endpoints, problem details on the management
/// API), never a 5xx.
/// </summary>
public sealed class JsonBodyParserLimitTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    /// <summary>
    /// Bodies with a hole in them; <c>\u00FF</c> (sent as the single byte 0xFF) marks a byte that is
    /// never valid UTF-8. Wrongly shaped <c>proofs</c> are <c>invalid_proof</c> (OpenID4VCI 1.0 section 8.3.1.2), the rest
    /// <c>invalid_credential_request</c>.
    /// </summary>
    public static TheoryData<string, string, string> HostileCredentialBodies() => new()
    {
        { "invalid_utf8_in_a_string", "{\"credential_configuration_id\":\"Legal\u00FFPerson\"}", "invalid_credential_request" },
        { "invalid_utf8_in_a_proof", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"proofs\":{\"jwt\":[\"ey\u00FF\"]}}", "invalid_credential_request" },
        { "invalid_utf8_in_a_member_name", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"pro\u00FFofs\":{\"jwt\":[\"a\"]}}", "invalid_credential_request" },
        { "overlong_utf8_encoding", "{\"credential_configuration_id\":\"\u00C0\u00AF\"}", "invalid_credential_request" },
        { "truncated_utf8_sequence", "{\"credential_configuration_id\":\"\u00E2\u0082\"}", "invalid_credential_request" },
        { "escaped_lone_surrogate", "{\"credential_configuration_id\":\"\\udc00\"}", "invalid_credential_request" },
        { "escaped_lone_surrogate_in_a_proof", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"proofs\":{\"jwt\":[\"\\ud800\"]}}", "invalid_credential_request" },
        { "escaped_lone_surrogate_in_a_member_name", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"\\udc00\":1}", "invalid_credential_request" },
        { "deep_nesting", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"x\":" + new string('[', 5000) + new string(']', 5000) + "}", "invalid_credential_request" },
        { "huge_number", "{\"credential_configuration_id\":1e99999999}", "invalid_credential_request" },
        { "wrong_type_proofs", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"proofs\":[1,2]}", "invalid_proof" },
        { "wrong_type_jwt_list", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"proofs\":{\"jwt\":{\"a\":1}}}", "invalid_proof" },
        { "duplicate_members", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\",\"credential_configuration_id\":\"LegalPerson_dc_sd_jwt\",\"proofs\":{\"jwt\":[\"a\"]}}", "invalid_credential_request" },
        { "not_an_object", "[\"credential_configuration_id\"]", "invalid_credential_request" },
        { "trailing_garbage", "{\"credential_configuration_id\":\"LegalPerson_jwt_vc_json\"} {}", "invalid_credential_request" },
    };

    [Theory]
    [MemberData(nameof(HostileCredentialBodies))]
    public async Task Credential_request_with_a_hostile_json_body_is_a_400_with_the_protocol_error_not_a_server_error(string name, string body, string error)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

        var (status, json) = await PostRawAsync("/credential", body, accessToken);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {(int)status} {json}");
        Assert.Equal(error, json!["error"]!.GetValue<string>());
    }

    public static TheoryData<string, string> HostileDeferredBodies() => new()
    {
        { "invalid_utf8_in_a_string", "{\"transaction_id\":\"a\u00FFb\"}" },
        { "escaped_lone_surrogate", "{\"transaction_id\":\"\\udfff\"}" },
        { "deep_nesting", "{\"transaction_id\":" + new string('[', 5000) + new string(']', 5000) + "}" },
        { "duplicate_members", "{\"transaction_id\":\"a\",\"transaction_id\":\"b\"}" },
        { "huge_number", "{\"transaction_id\":-1e99999999}" },
    };

    [Theory]
    [MemberData(nameof(HostileDeferredBodies))]
    public async Task Deferred_credential_request_with_a_hostile_json_body_is_invalid_credential_request_not_a_server_error(string name, string body)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

        var (status, json) = await PostRawAsync("/deferred_credential", body, accessToken);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {(int)status} {json}");
        Assert.Equal("invalid_credential_request", json!["error"]!.GetValue<string>());
    }

    public static TheoryData<string, string> HostileNotificationBodies() => new()
    {
        { "invalid_utf8_in_the_id", "{\"notification_id\":\"a\u00FFb\",\"event\":\"credential_accepted\"}" },
        { "invalid_utf8_in_the_description", "{\"notification_id\":\"abc\",\"event\":\"credential_failure\",\"event_description\":\"\u00FF\"}" },
        { "escaped_lone_surrogate", "{\"notification_id\":\"\\ud800x\",\"event\":\"credential_accepted\"}" },
        { "deep_nesting", "{\"notification_id\":" + new string('[', 5000) + new string(']', 5000) + "}" },
        { "duplicate_members", "{\"notification_id\":\"abc\",\"event\":\"credential_accepted\",\"event\":\"credential_deleted\"}" },
        { "huge_number", "{\"notification_id\":1e99999999,\"event\":\"credential_accepted\"}" },
    };

    [Theory]
    [MemberData(nameof(HostileNotificationBodies))]
    public async Task Notification_with_a_hostile_json_body_is_invalid_notification_request_not_a_server_error(string name, string body)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());

        var (status, json) = await PostRawAsync("/notification", body, accessToken);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {(int)status} {json}");
        Assert.Equal("invalid_notification_request", json!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"a\":\"\u00FF\"}")]
    [InlineData("{\"a\":\"\\udc00\"}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    public async Task Nonce_request_ignores_whatever_body_it_is_sent(string body)
    {
        var (status, json) = await PostRawAsync("/nonce", body, accessToken: null);

        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {json}");
        Assert.NotNull(json!["c_nonce"]);
    }

    public static TheoryData<string, string> HostileOfferBodies() => new()
    {
        { "invalid_utf8_in_a_claim", Offer("\"gx:legalName\":\"Exa\u00FFmple\"") },
        { "invalid_utf8_in_a_claim_name", Offer("\"gx:legal\u00FFName\":\"Example\"") },
        { "escaped_lone_surrogate_in_a_claim", Offer("\"gx:legalName\":\"\\ud800\"") },
        { "escaped_lone_surrogate_in_a_claim_name", Offer("\"gx:legal\\udc00Name\":\"Example\"") },
        { "invalid_utf8_in_subject_id", "{\"credential_configuration_ids\":[\"LegalPerson_jwt_vc_json\"],\"subject_id\":\"did:web:\u00FF\"}" },
        { "invalid_utf8_in_a_configuration_id", "{\"credential_configuration_ids\":[\"Legal\u00FF\"]}" },
        { "deep_nesting_in_a_claim", Offer("\"gx:legalName\":" + new string('[', 5000) + new string(']', 5000)) },
        { "huge_number_expires_in", "{\"credential_configuration_ids\":[\"LegalPerson_jwt_vc_json\"],\"expires_in\":1e99999999}" },
        { "huge_number_in_a_claim", Offer("\"gx:legalName\":1e99999999") },
        { "wrong_type_expires_in", "{\"credential_configuration_ids\":[\"LegalPerson_jwt_vc_json\"],\"expires_in\":\"soon\"}" },
        { "wrong_type_ids", "{\"credential_configuration_ids\":\"LegalPerson_jwt_vc_json\"}" },
        { "wrong_type_tx_code", "{\"credential_configuration_ids\":[\"LegalPerson_jwt_vc_json\"],\"tx_code\":[1]}" },
        { "duplicate_members", "{\"credential_configuration_ids\":[\"LegalPerson_jwt_vc_json\"],\"subject_id\":\"did:web:a.example\",\"subject_id\":\"did:web:b.example\"}" },
        { "not_an_object", "[]" },
        { "null_body", "null" },
    };

    [Theory]
    [MemberData(nameof(HostileOfferBodies))]
    public async Task Offer_creation_with_a_hostile_json_body_is_a_400_problem_not_a_server_error(string name, string body)
    {
        var (status, json, contentType) = await PostRawWithTypeAsync("/api/offers", body, fixture.ManagementToken());

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {(int)status} {json}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(400, json!["status"]!.GetValue<int>());
    }

    private static string Offer(string legalPersonClaim) =>
        "{\"credential_configuration_ids\":[\"LegalPerson_jwt_vc_json\"],\"claims\":{\"LegalPerson_jwt_vc_json\":{" + legalPersonClaim
        + ",\"gx:headquartersAddress\":{\"gx:countryCode\":\"DE\"},\"gx:legalAddress\":{\"gx:countryCode\":\"DE\"}}}}";

    private async Task<(HttpStatusCode Status, JsonObject? Body)> PostRawAsync(string path, string body, string? accessToken)
    {
        var (status, json, _) = await PostRawWithTypeAsync(path, body, accessToken);
        return (status, json);
    }

    /// <summary>POSTs <paramref name="body"/> byte for byte: each char below U+0100 becomes one byte (Latin-1), so \u00FF stays a raw 0xFF.</summary>
    private async Task<(HttpStatusCode Status, JsonObject? Body, string? ContentType)> PostRawWithTypeAsync(string path, string body, string? accessToken)
    {
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        using var response = await fixture.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            json = new JsonObject { ["raw"] = text };
        }
        return (response.StatusCode, json, response.Content.Headers.ContentType?.MediaType);
    }
}
