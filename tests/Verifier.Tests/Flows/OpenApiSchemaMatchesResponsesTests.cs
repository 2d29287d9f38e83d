using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Dapr.Events;
using GaiaX.Oid4vc.Testing;
using Verifier.Tests.Support;

namespace Verifier.Tests.Flows;

/// <summary>
/// What the management API serves is what its OpenAPI document says: every member of a real answer is a
/// property of the documented schema, at every depth, so a generated client reads every field it is sent.
/// </summary>
public sealed class OpenApiSchemaMatchesResponsesTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    [Fact]
    public async Task Created_request_and_its_status_after_compliance_and_label_offer_have_only_documented_members()
    {
        var document = JsonNode.Parse(await Verifier.Client.GetStringAsync("/openapi/v1.json"))!;
        var body = Queries.Request(Queries.Dcql(Queries.LegalPersonCredentialQuery()), compliance: true);
        var created = await Verifier.CreateRequestAsync(body);
        var requestId = await Verifier.PresentLegalPersonAsync(body);
        await Verifier.Dapr.PublishAsync(new ComplianceAssessed(requestId, true, "eyJ.label.credential", []), "compliance");
        await Verifier.Dapr.PublishAsync(new OfferCreated(requestId, "offer-1", "openid-credential-offer://?x=1"), "issuer");
        var status = await Verifier.StatusAsync(requestId);
        for (var attempt = 0; attempt < 150 && (status["offer"] is null || status["compliance"] is null); attempt++)
        {
            await Task.Delay(100);
            status = await Verifier.StatusAsync(requestId);
        }

        var undocumented = OpenApiResponseCheck
            .Undocumented(document, "/api/presentation-requests", "post", "201", created)
            .Concat(OpenApiResponseCheck.Undocumented(document, "/api/presentation-requests/{id}", "get", "200", status))
            .ToList();

        Assert.True(status["offer"] is not null, status.ToJsonString());
        Assert.NotNull(status["compliance"]?["label_credential"]);
        Assert.NotNull(status["verified_credentials"]);
        Assert.True(undocumented.Count == 0, string.Join('\n', undocumented));
    }
}
