using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Compliance.Tests.Attacks;

/// <summary>
/// Item 3 of issue 18 (Compliance part): a participant's credentials earn a label only when the
/// participant presents them. Whoever signs the VP must be the holder each credential is bound to
/// (its <c>cnf</c> key, else the DID of its <c>credentialSubject.id</c>).
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class PresenterBindingTests(ComplianceFixture fixture)
{
    private Participant P => fixture.Participant;

    [Fact]
    public async Task Participant_credentials_presented_by_another_party_get_no_label()
    {
        // The third party is a trusted, resolvable DID with a valid signature: only the binding is wrong.
        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(P.SignedCredentials(), holder: fixture.ThirdParty));

        var failures = await response.ReadFailuresAsync();
        Assert.Contains(failures, f => f.Filter == "HolderBinding" && f.CredentialId == P.LegalPersonCredentialId);
        Assert.Contains(failures, f => f.Filter == "HolderBinding" && f.CredentialId == P.VatIdCredentialId);
        Assert.Contains(failures, f => f.Filter == "HolderBinding" && f.CredentialId == P.IssuerCredentialId);
        Assert.All(failures.Where(f => f.Filter == "HolderBinding"), f => Assert.Contains(fixture.ThirdParty.Did, f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Credential_bound_by_cnf_to_another_key_fails_HolderBinding_even_when_its_subject_is_the_presenter()
    {
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = otherKey.ExportParameters(false);
        var legalPerson = P.LegalPerson();
        legalPerson["cnf"] = new JsonObject
        {
            ["jwk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = System.Buffers.Text.Base64Url.EncodeToString(p.Q.X), ["y"] = System.Buffers.Text.Base64Url.EncodeToString(p.Q.Y) },
        };
        var credentials = P.SignedCredentials().ToArray();
        credentials[0] = Participant.SignCredential(P.Identity, legalPerson);

        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(credentials));

        var failure = Assert.Single(await response.ReadFailuresAsync());
        Assert.Equal("HolderBinding", failure.Filter);
        Assert.Equal(P.LegalPersonCredentialId, failure.CredentialId);
        Assert.Contains("cnf", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participant_presenting_its_own_credentials_still_gets_its_label()
    {
        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(P.SignedCredentials()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
