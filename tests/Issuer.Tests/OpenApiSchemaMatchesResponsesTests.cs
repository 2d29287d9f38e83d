using System.Net;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;

namespace Issuer.Tests;

/// <summary>
/// What the Issuer serves along a whole issuance is what its OpenAPI document says: every member of each
/// real answer is a property of the documented schema, so a generated client reads every field it is sent.
/// </summary>
public sealed class OpenApiSchemaMatchesResponsesTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    [Fact]
    public async Task Offer_token_nonce_credential_and_offer_status_have_only_documented_members()
    {
        var document = JsonNode.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json"))!;
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var offerId = (string)created["offer_id"]!;
        var offer = await wallet.ResolveOfferAsync((string)created["offer_uri"]!);
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(offer), (string?)created["tx_code"]);
        Assert.False(token.IsError, token.ErrorDescription);
        using var nonceResponse = await fixture.Client.PostAsync("/nonce", null);
        var nonce = JsonNode.Parse(await nonceResponse.Content.ReadAsStringAsync())!;
        var (status, credential, _) = await wallet.RequestCredentialAsync(
            token.AccessToken!,
            new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), (string)nonce["c_nonce"]!) } },
            }
        );
        Assert.Equal(HttpStatusCode.OK, status);
        var offerStatus = await fixture.OfferStatusAsync(offerId);

        var undocumented = new[]
        {
            OpenApiResponseCheck.Undocumented(document, "/api/offers", "post", "201", created),
            OpenApiResponseCheck.Undocumented(document, "/credential-offer/{id}", "get", "200", offer),
            OpenApiResponseCheck.Undocumented(document, "/token", "post", "200", JsonNode.Parse(token.Raw!)!),
            OpenApiResponseCheck.Undocumented(document, "/nonce", "post", "200", nonce),
            OpenApiResponseCheck.Undocumented(document, "/credential", "post", "200", credential!),
            OpenApiResponseCheck.Undocumented(document, "/api/offers/{id}", "get", "200", offerStatus!),
        }
            .SelectMany(list => list)
            .ToList();

        Assert.True(undocumented.Count == 0, string.Join('\n', undocumented));
    }
}
