using System.Text.Json.Nodes;

namespace Compliance.Tests.Attacks;

/// <summary>
/// Item 17 of issue 18, in the compliance engine: the JWT claims <c>vc</c> and <c>vp</c> of the older
/// VC-JWT encoding MUST NOT be present in a VC-JOSE-COSE credential or presentation.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class VcJoseCoseClaimTests(ComplianceFixture fixture)
{
    private Participant P => fixture.Participant;

    [Fact]
    public async Task Presentation_carrying_a_vp_claim_fails_Parse()
    {
        var presentation = P.Presentation(changePayload: payload => payload["vp"] = new JsonObject { ["type"] = new JsonArray("VerifiablePresentation") });
        using var response = await fixture.Compliance.PostPresentationAsync(presentation);
        var failures = await response.ReadFailuresAsync();
        Assert.Contains(failures, f => f.Filter == "Parse" && f.Message.Contains("'vp' claim", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credential_carrying_a_vc_claim_fails_Parse()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["vc"] = new JsonObject { ["type"] = new JsonArray("VerifiableCredential") };
        var presentation = P.Presentation(
        [
            Participant.SignCredential(P.Identity, legalPerson),
            Participant.SignCredential(P.Notary, P.VatId()),
            Participant.SignCredential(P.Identity, P.IssuerDeclaration()),
        ]);
        using var response = await fixture.Compliance.PostPresentationAsync(presentation);
        var failures = await response.ReadFailuresAsync();
        Assert.Contains(failures, f => f.Filter == "Parse" && f.Message.Contains("'vc' claim", StringComparison.Ordinal));
    }
}
