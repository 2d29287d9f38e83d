using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests;

/// <summary>An issuer back end's callback_url gets each status change of its offer as a signed CloudEvent.</summary>
public sealed class OfferWebhookTests
{
    [Fact]
    public async Task Offer_redeemed_at_the_token_endpoint_is_reported_to_its_callback_as_token_issued()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var fixture = new IssuerFixture { ExtraArgs = ["--Webhooks:AllowLoopback=true"] };
        await fixture.InitializeAsync();
        try
        {
            using var wallet = fixture.NewWallet();
            var offer = new JsonObject
            {
                ["credential_configuration_ids"] = new JsonArray("LegalPerson_dc_sd_jwt"),
                ["claims"] = new JsonObject
                {
                    ["LegalPerson_dc_sd_jwt"] = new JsonObject { ["legal_name"] = "Example", ["headquarters_country"] = "DE" },
                },
                ["callback_url"] = receiver.Url.AbsoluteUri,
            };
            var created = await fixture.CreateOfferAsync(offer);
            var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()), null);
            Assert.False(token.IsError, token.ErrorDescription);

            Assert.True(await Poll.UntilAsync(() => !receiver.Calls.IsEmpty), "the webhook arrived");
            var call = Assert.Single(receiver.Calls);
            var cloudEvent = JsonNode.Parse(call.Body)!;
            Assert.Equal("eu.gaia-x.oid4vc.issuer.offer.status-changed", (string?)cloudEvent["type"]);
            Assert.Equal((string?)created["offer_id"], (string?)cloudEvent["subject"]);
            Assert.Equal("token_issued", (string?)cloudEvent["data"]!["status"]);
            Assert.StartsWith("sig1=:", call.Headers["Signature"].ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Callback_to_a_loopback_address_is_refused_at_creation_when_not_allowed()
    {
        var fixture = new IssuerFixture();
        await fixture.InitializeAsync();
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/offers")
            {
                Content = JsonContent.Create(
                    new JsonObject
                    {
                        ["credential_configuration_ids"] = new JsonArray("LegalPerson_dc_sd_jwt"),
                        ["claims"] = new JsonObject
                        {
                            ["LegalPerson_dc_sd_jwt"] = new JsonObject { ["legal_name"] = "Example", ["headquarters_country"] = "DE" },
                        },
                        ["callback_url"] = "https://127.0.0.1/hook",
                    }
                ),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
            using var response = await fixture.Client.SendAsync(message);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("callback_url: a loopback address is not allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
