using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.DevHost.Onboarding;

/// <summary>
/// The onboarding's back office: asks the Issuer for offers and the Verifier for presentation
/// requests through their management APIs, and reads the Verifier's status of a request.
/// </summary>
public sealed class BackOffice(Uri issuer, Uri verifier, ManagementTokens tokens, TimeProvider time)
{
    /// <summary>The back office asks the Issuer for a registration-number offer (pre-authorized code with a tx_code).</summary>
    public async Task<(string Uri, string? TxCode)> CreateRegistrationNumberOfferAsync(
        OnboardingInput input,
        string subjectId,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var body = new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray("VatID"),
            ["claims"] = new JsonObject
            {
                ["VatID"] = new JsonObject { ["gx:vatID"] = input.VatId, ["gx:countryCode"] = input.CountryCode },
            },
            ["subject_id"] = subjectId,
            ["tx_code"] = new JsonObject
            {
                ["input_mode"] = "numeric",
                ["length"] = 6,
                ["description"] = "Sent to the participant's registered e-mail address",
            },
        };
        var created = await PostJsonAsync(http, new Uri(issuer, "/api/offers"), body, tokens.IssuerToken(), cancellationToken)
            .ConfigureAwait(false);
        return ((string)created["offer_uri"]!, (string?)created["tx_code"]);
    }

    /// <summary>The relying party asks the Verifier for the participant's Gaia-X credentials (one DCQL query, all three types).</summary>
    public async Task<(string Id, string Link)> CreatePresentationRequestAsync(
        string responseMode,
        CancellationToken cancellationToken = default
    )
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var body = new JsonObject
        {
            ["response_mode"] = responseMode,
            // The onboarding is for the Gaia-X label: the verified presentation goes on to Compliance.
            ["compliance"] = true,
            ["request_uri_method"] = "post",
            ["dcql_query"] = new JsonObject
            {
                ["credentials"] = new JsonArray(
                    new JsonObject
                    {
                        ["id"] = "gaiax_participant",
                        ["format"] = CredentialFormats.JwtVcJson,
                        ["multiple"] = true,
                        ["meta"] = new JsonObject
                        {
                            // Fully expanded type IRIs (OpenID4VP 1.0 appendix B.1.1), not the credentials' compact gx: names.
                            ["type_values"] = new JsonArray(
                                new JsonArray("https://w3id.org/gaia-x/development#LegalPerson"),
                                new JsonArray("https://w3id.org/gaia-x/development#VatID"),
                                new JsonArray("https://w3id.org/gaia-x/development#Issuer")
                            ),
                        },
                    }
                ),
            },
        };
        var created = await PostJsonAsync(
                http,
                new Uri(verifier, "/api/presentation-requests"),
                body,
                tokens.VerifierToken(),
                cancellationToken
            )
            .ConfigureAwait(false);
        return ((string)created["request_id"]!, (string)created["authorization_request_uri"]!);
    }

    /// <summary>Polls the Verifier's status of a request until it shows the compliance outcome (and, when compliant, the label
    /// offer).</summary>
    public async Task<JsonObject> WaitForComplianceOutcomeAsync(
        string requestId,
        TimeSpan timeout,
        CancellationToken cancellationToken = default
    )
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            using var message = new HttpRequestMessage(
                HttpMethod.Get,
                new Uri(verifier, "/api/presentation-requests/" + Uri.EscapeDataString(requestId))
            );
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.VerifierToken());
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!.AsObject();
            var done =
                status["compliance"] is JsonObject compliance
                && (compliance["compliant"]?.GetValue<bool>() != true || status["offer"] is JsonObject);
            var rejected = (string?)status["status"] is "rejected" or "expired" or "failed";
            if (done || rejected)
            {
                return status;
            }
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException(
                    $"The presentation request {requestId} shows no compliance outcome after {timeout}: {status.ToJsonString()}"
                );
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonObject> PostJsonAsync(
        HttpClient http,
        Uri uri,
        JsonObject body,
        string token,
        CancellationToken cancellationToken
    )
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {uri} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!.AsObject();
    }
}
