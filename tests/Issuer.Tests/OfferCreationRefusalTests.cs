using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Issuer.Tests;

/// <summary>
/// An offer that cannot succeed is refused when it is created (400 listing the problem), not after the
/// wallet got a token and waited for a credential the Notary then denies.
/// </summary>
public sealed class OfferCreationRefusalTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> CreateAsync(JsonObject request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = JsonContent.Create(request) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ManagementToken());
        using var response = await fixture.Client.SendAsync(message);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static JsonObject VatOffer(string vatId, string? subjectId)
    {
        var offer = new JsonObject
        {
            ["credential_configuration_ids"] = new JsonArray("VatID"),
            ["claims"] = new JsonObject { ["VatID"] = new JsonObject { ["gx:vatID"] = vatId, ["gx:countryCode"] = "DE" } },
        };
        if (subjectId is not null)
        {
            offer["subject_id"] = subjectId;
        }
        return offer;
    }

    [Fact]
    public async Task Notary_prepared_offer_without_subject_id_is_refused_with_400_naming_the_problem()
    {
        var (status, body) = await CreateAsync(VatOffer("DE812345673", subjectId: null));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(
            ("/subject_id", "is required for 'VatID': the Notary signs the registration number for that subject"),
            Errors(body!)
        );
    }

    [Fact]
    public async Task Registration_number_with_invalid_syntax_is_refused_with_400_pointing_at_the_claim()
    {
        var (status, body) = await CreateAsync(VatOffer("DE123", "did:web:participant.example"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var problem = Assert.Single(Errors(body!));
        Assert.Equal("/claims/VatID/gx:vatID", problem.Pointer);
    }

    [Fact]
    public async Task Every_problem_is_reported_with_a_json_pointer_to_the_member_at_fault()
    {
        var offer = VatOffer("DE812345673", "did:web:participant.example");
        offer["credential_configuration_ids"] = new JsonArray("VatID", "Unknown");
        offer["claims"]!["VatID"]!["gx:undeclared/x"] = 1;
        offer["tx_code"] = new JsonObject { ["length"] = 2 };

        var (status, body) = await CreateAsync(offer);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            [
                ("/claims/VatID/gx:undeclared~1x", "is not defined by 'VatID'"),
                ("/credential_configuration_ids/1", "credential configuration 'Unknown' is not supported by this issuer"),
                ("/tx_code/length", "must be between 4 and 12"),
            ],
            Errors(body!)
        );
    }

    private static List<(string Pointer, string Detail)> Errors(JsonNode body) =>
        body["errors"]!.AsArray().Select(e => ((string)e!["pointer"]!, (string)e["detail"]!)).ToList();

    [Fact]
    public async Task Valid_registration_number_with_a_subject_is_still_created()
    {
        var (status, _) = await CreateAsync(VatOffer("DE812345673", "did:web:participant.example"));

        Assert.Equal(HttpStatusCode.Created, status);
    }
}
