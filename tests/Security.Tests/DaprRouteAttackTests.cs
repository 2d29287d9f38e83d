using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Security.Tests;

/// <summary>
/// Item 4 of the outside test: event routes answer only the Dapr sidecar. An attacker who reaches a
/// service's port posts forged integration events, with and without a made-up app token.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DaprRouteAttackTests(StackFixture fixture)
{
    /// <summary>Every route a service subscribes (from the services' own route constants) and /dapr/subscribe.</summary>
    public static TheoryData<string, string> DaprRoutes() => new()
    {
        { "issuer", "/events/credential-prepared" },
        { "issuer", "/events/credential-assessed" },
        { "issuer", "/events/compliance-assessed" },
        { "verifier", "/events/compliance-assessed" },
        { "verifier", "/events/offer-created" },
        { "verifier", "/events/trust-list-changed" },
        { "notary", "/events/issuance-requested" },
        { "compliance", "/events/credential-prepared" },
        { "compliance", "/events/presentation-verified" },
        { "compliance", "/events/trust-list-changed" },
    };

    [Theory]
    [MemberData(nameof(DaprRoutes))]
    public async Task Event_route_refuses_a_delivery_without_the_app_token(string service, string route)
    {
        foreach (var token in new string?[] { null, "", "guessed-token" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Url(service, route))
            {
                Content = CloudEvent(new JsonObject { ["offerId"] = "x", ["requestId"] = "x" }),
            };
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation("dapr-api-token", token);
            }
            using var response = await fixture.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("verifier")]
    [InlineData("notary")]
    [InlineData("compliance")]
    public async Task Subscription_list_is_not_served_without_the_app_token(string service)
    {
        using var response = await fixture.Client.GetAsync(fixture.Url(service, "/dapr/subscribe"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Forged_credential_assessed_event_does_not_fail_an_offer()
    {
        var offerId = await CreateOfferAsync();
        using var forged = new HttpRequestMessage(HttpMethod.Post, fixture.Url("issuer", "/events/credential-assessed"))
        {
            Content = CloudEvent(new JsonObject { ["offerId"] = offerId, ["accepted"] = false, ["reasons"] = new JsonArray("forged") }),
        };
        using var answer = await fixture.Client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);

        using var status = fixture.Management(HttpMethod.Get, "issuer", "/api/offers/" + offerId);
        using var response = await fixture.Client.SendAsync(status);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("offered", (string?)body["status"]);
    }

    [Fact]
    public async Task Forged_credential_prepared_event_is_not_stored_for_an_offer()
    {
        var offerId = await CreateOfferAsync();
        using var forged = new HttpRequestMessage(HttpMethod.Post, fixture.Url("issuer", "/events/credential-prepared"))
        {
            Content = CloudEvent(new JsonObject
            {
                ["offerId"] = offerId,
                ["credentialConfigurationId"] = "VatID",
                ["credential"] = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJhdHRhY2tlciJ9.",
                ["format"] = "jwt_vc_json",
            }),
        };
        using var answer = await fixture.Client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    private async Task<string> CreateOfferAsync()
    {
        using var request = fixture.Management(HttpMethod.Post, "issuer", "/api/offers");
        // Signed by the Issuer itself: no other service publishes anything about this offer, so only a
        // forged event could change its status.
        request.Content = JsonContent.Create(new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray("LegalPerson_jwt_vc_json"),
            ["claims"] = new JsonObject
            {
                ["LegalPerson_jwt_vc_json"] = new JsonObject
                {
                    ["gx:legalName"] = "Example Cloud GmbH",
                    ["gx:headquartersAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                    ["gx:legalAddress"] = new JsonObject { ["gx:countryCode"] = "DE" },
                },
            },
            ["tx_code"] = new JsonObject { ["input_mode"] = "numeric", ["length"] = 6 },
        });
        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return (string)JsonNode.Parse(text)!["offer_id"]!;
    }

    private static StringContent CloudEvent(JsonObject data)
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "attacker",
            ["type"] = "com.dapr.event.sent",
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        var content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        return content;
    }
}
