using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Compliance.Tests;

/// <summary>
/// Each filter of the chain, failing on its own: one fault in an otherwise compliant participant
/// presentation, reported by that filter only, with its specific message.
/// </summary>
[Collection(ComplianceCollection.Name)]
public sealed class FilterFailureTests(ComplianceFixture fixture)
{
    private Participant P => fixture.Participant;

    private async Task<IReadOnlyList<StandardComplianceCalls.Failure>> FailuresOfAsync(string presentation)
    {
        using var response = await fixture.Compliance.PostPresentationAsync(presentation);
        return await response.ReadFailuresAsync();
    }

    private static void AssertOnlyFilter(IReadOnlyList<StandardComplianceCalls.Failure> failures, string filter, string message, string? credentialId = null)
    {
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal(filter, f.Filter));
        Assert.Contains(failures, f => f.Message.Contains(message, StringComparison.Ordinal) && (credentialId is null || f.CredentialId == credentialId));
        Assert.All(failures, f => Assert.False(string.IsNullOrEmpty(f.Criterion)));
    }

    private static List<StandardComplianceCalls.Failure> WithoutHolderBinding(IReadOnlyList<StandardComplianceCalls.Failure> failures) =>
        failures.Where(f => f.Filter != "HolderBinding").ToList();

    private string[] Credentials(string? legalPerson = null, string? vatId = null, string? issuer = null, params string[] more) =>
    [
        legalPerson ?? Participant.SignCredential(P.Identity, P.LegalPerson()),
        vatId ?? Participant.SignCredential(P.Notary, P.VatId()),
        issuer ?? Participant.SignCredential(P.Identity, P.IssuerDeclaration()),
        .. more,
    ];

    [Fact]
    public async Task Body_that_is_not_a_compact_JWS_fails_Parse_and_nothing_else_runs()
    {
        var failures = await FailuresOfAsync("this is not a JWT");

        var failure = Assert.Single(failures);
        Assert.Equal("Parse", failure.Filter);
        Assert.Equal("presentation", failure.CredentialId);
        Assert.Contains("is not a compact JWS", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credential_that_is_not_enveloped_fails_Parse()
    {
        var presentation = P.Presentation(changePayload: payload =>
            payload["verifiableCredential"]!.AsArray().Add(P.VatId()));

        AssertOnlyFilter(await FailuresOfAsync(presentation), "Parse", "is not an EnvelopedVerifiableCredential", "verifiableCredential[3]");
    }

    [Fact]
    public async Task Credential_without_the_VCDM_2_context_fails_Parse()
    {
        var legalPerson = P.LegalPerson();
        // Both contexts are pinned, so the credential still expands; only the VCDM 2.0 order is wrong.
        legalPerson["@context"] = new JsonArray(Participant.GaiaXContext, Participant.CredentialsV2);

        var failures = await FailuresOfAsync(P.Presentation(Credentials(legalPerson: Participant.SignCredential(P.Identity, legalPerson))));

        AssertOnlyFilter(failures, "Parse", "does not start with 'https://www.w3.org/ns/credentials/v2'", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Credential_with_a_context_that_is_not_pinned_fails_JsonLdExpansion_and_nothing_is_fetched()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["@context"]!.AsArray().Add("https://contexts.example/unknown/v1");

        var failures = await FailuresOfAsync(P.Presentation(Credentials(legalPerson: Participant.SignCredential(P.Identity, legalPerson))));

        AssertOnlyFilter(failures, "JsonLdExpansion", "does not expand", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Address_with_a_country_code_outside_the_list_fails_ShaclShapes()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["credentialSubject"]!["gx:legalAddress"]!["gx:countryCode"] = "XX";

        var failures = await FailuresOfAsync(P.Presentation(Credentials(legalPerson: Participant.SignCredential(P.Identity, legalPerson))));

        AssertOnlyFilter(failures, "ShaclShapes", "gx:countryCode value \"XX\"", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Legal_person_with_a_property_its_closed_shape_does_not_list_fails_ShaclShapes()
    {
        var legalPerson = P.LegalPerson();
        legalPerson["credentialSubject"]!["gx:favouriteColour"] = "blue";

        var failures = await FailuresOfAsync(P.Presentation(Credentials(legalPerson: Participant.SignCredential(P.Identity, legalPerson))));

        AssertOnlyFilter(failures, "ShaclShapes", "gx:favouriteColour is not allowed here (closed shape)", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Credential_whose_kid_belongs_to_another_DID_than_its_iss_fails_JwtHeaders()
    {
        var vatId = Participant.SignCredential(P.Notary, P.VatId(), header => header["kid"] = P.Identity.KeyId);

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(vatId: vatId))), "JwtHeaders", "belongs to another DID", P.VatIdCredentialId);
    }

    [Fact]
    public async Task Presentation_naming_HS256_fails_JwtHeaders_and_is_not_verified_with_a_shared_secret()
    {
        var presentation = P.Presentation(changeHeader: header => header["alg"] = "HS256");

        AssertOnlyFilter(await FailuresOfAsync(presentation), "JwtHeaders", "'HS256', which is not accepted", "presentation");
    }

    [Fact]
    public async Task Credential_with_a_wrong_typ_fails_JwtHeaders()
    {
        var legalPerson = Participant.SignCredential(P.Identity, P.LegalPerson(), header => header["typ"] = "JWT");

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(legalPerson: legalPerson))), "JwtHeaders", "expected 'vc+jwt'", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Credential_whose_kid_is_not_in_the_DID_document_fails_DidResolutionAndKey()
    {
        var legalPerson = Participant.SignCredential(P.Identity, P.LegalPerson(), header => header["kid"] = P.Identity.Did + "#key-2");

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(legalPerson: legalPerson))), "DidResolutionAndKey", "has no verification method", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Presentation_from_a_DID_whose_document_is_not_published_fails_DidResolutionAndKey()
    {
        var nobody = fixture.Dids.DidFor("nobody");
        var presentation = P.Presentation(changeHeader: header =>
        {
            header["iss"] = nobody;
            header["kid"] = nobody + "#key-1";
        }, changePayload: payload => payload["holder"] = nobody);

        AssertOnlyFilter(await FailuresOfAsync(presentation), "DidResolutionAndKey", "answered 404", "presentation");
    }

    [Fact]
    public async Task Presentation_signed_under_a_certificate_from_an_untrusted_CA_fails_CertificateChainToTrustAnchor()
    {
        var presentation = P.Presentation(holder: fixture.RogueParty);

        // Another party presents the participant's credentials, which also fails HolderBinding (Attacks/PresenterBindingTests).
        AssertOnlyFilter(WithoutHolderBinding(await FailuresOfAsync(presentation)), "CertificateChainToTrustAnchor", "does not end at a configured trust anchor", "presentation");
    }

    [Fact]
    public async Task Key_that_is_not_the_leaf_certificate_key_fails_CertificateChainToTrustAnchor()
    {
        var presentation = P.Presentation(holder: fixture.MismatchedParty, signingKey: fixture.MismatchedJwk);

        AssertOnlyFilter(WithoutHolderBinding(await FailuresOfAsync(presentation)), "CertificateChainToTrustAnchor", "is not the public key of its leaf certificate", "presentation");
    }

    [Fact]
    public async Task Presentation_signed_with_another_key_than_its_kid_fails_PresentationSignature()
    {
        var presentation = P.Presentation(signingKey: P.Notary.Key);

        AssertOnlyFilter(await FailuresOfAsync(presentation), "PresentationSignature", "presentation's signature does not verify", "presentation");
    }

    [Fact]
    public async Task Expired_presentation_fails_PresentationSignature()
    {
        var presentation = P.Presentation(changePayload: payload => payload["exp"] = fixture.Time.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds());

        AssertOnlyFilter(await FailuresOfAsync(presentation), "PresentationSignature", "(exp)", "presentation");
    }

    [Fact]
    public async Task Credential_changed_after_signing_fails_CredentialSignaturesAndValidity()
    {
        var signed = Participant.SignCredential(P.Identity, P.LegalPerson());
        var parts = signed.Split('.');
        var changed = P.LegalPerson();
        changed["credentialSubject"]!["gx:headquartersAddress"]!["gx:countryCode"] = "DE";
        var tampered = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(changed.ToJsonString())) + "." + parts[2];

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(legalPerson: tampered))), "CredentialSignaturesAndValidity", "credential's signature does not verify", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Credential_past_its_validUntil_fails_CredentialSignaturesAndValidity()
    {
        var vatId = P.VatId();
        vatId["validUntil"] = Participant.Timestamp(fixture.Time.GetUtcNow().AddDays(-1));

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(vatId: Participant.SignCredential(P.Notary, vatId)))), "CredentialSignaturesAndValidity", "(validUntil)", P.VatIdCredentialId);
    }

    [Fact]
    public async Task Credential_before_its_validFrom_fails_CredentialSignaturesAndValidity()
    {
        var vatId = P.VatId();
        vatId["validFrom"] = Participant.Timestamp(fixture.Time.GetUtcNow().AddDays(1));

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(vatId: Participant.SignCredential(P.Notary, vatId)))), "CredentialSignaturesAndValidity", "(validFrom)", P.VatIdCredentialId);
    }

    [Fact]
    public async Task Registration_number_attested_by_a_party_that_is_not_a_trusted_notary_fails_RegistrationNumberFromTrustedNotary()
    {
        // Self-attested: the participant signs its own VAT ID credential.
        var vatId = P.VatId();
        vatId["issuer"] = P.Identity.Did;

        var failures = await FailuresOfAsync(P.Presentation(Credentials(vatId: Participant.SignCredential(P.Identity, vatId))));

        AssertOnlyFilter(failures, "RegistrationNumberFromTrustedNotary", "is not a registration notary the registry trusts", P.VatIdCredentialId);
        Assert.Contains(failures, f => f.CredentialId == P.LegalPersonCredentialId && f.Message.Contains("No registration-number credential from a trusted notary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Legal_person_without_its_registration_number_credential_fails_RegistrationNumberFromTrustedNotary()
    {
        var failures = await FailuresOfAsync(P.Presentation([Participant.SignCredential(P.Identity, P.LegalPerson()), Participant.SignCredential(P.Identity, P.IssuerDeclaration())]));

        AssertOnlyFilter(failures, "RegistrationNumberFromTrustedNotary", $"has the subject '{P.RegistrationNumberId}'", P.LegalPersonCredentialId);
    }

    [Fact]
    public async Task Terms_and_conditions_hash_the_registry_does_not_publish_fails_IssuerTermsAndConditions()
    {
        var issuer = Participant.SignCredential(P.Identity, P.IssuerDeclaration(hash: Participant.UnpublishedTermsAndConditionsHash));

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(issuer: issuer))), "IssuerTermsAndConditions", "is not one the registry publishes", P.IssuerCredentialId);
    }

    [Fact]
    public async Task Terms_and_conditions_declared_for_another_party_fails_IssuerTermsAndConditions()
    {
        // The notary signs a declaration about the participant: an issuer only declares its own agreement.
        var declaration = P.IssuerDeclaration();
        declaration["issuer"] = P.Notary.Did;
        var participantOwn = Participant.SignCredential(P.Identity, P.Credential("https://participant.example/credentials/issuer-2", P.Identity.Did, "gx:Issuer", new JsonObject
        {
            ["id"] = P.Identity.Did,
            ["type"] = "gx:Issuer",
            ["gx:gaiaxTermsAndConditions"] = Participant.TermsAndConditionsHash,
        }));

        var failures = await FailuresOfAsync(P.Presentation(Credentials(issuer: Participant.SignCredential(P.Notary, declaration), more: participantOwn)));

        AssertOnlyFilter(failures, "IssuerTermsAndConditions", "an issuer declares its own agreement", P.IssuerCredentialId);
    }

    [Fact]
    public async Task Service_offering_provided_by_a_party_not_in_the_presentation_fails_ServiceOfferingProvidedBy()
    {
        var offering = Participant.SignCredential(P.Identity, P.ServiceOffering(providedBy: "did:web:elsewhere.example"));

        AssertOnlyFilter(await FailuresOfAsync(P.Presentation(Credentials(more: offering))), "ServiceOfferingProvidedBy", "provided by 'did:web:elsewhere.example'");
    }

    [Fact]
    public async Task Service_offering_provided_by_the_presented_legal_person_complies()
    {
        var offering = Participant.SignCredential(P.Identity, P.ServiceOffering(providedBy: P.LegalPersonSubjectId));

        using var response = await fixture.Compliance.PostPresentationAsync(P.Presentation(Credentials(more: offering)));

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Credential_from_an_issuer_neither_notary_nor_bound_by_the_terms_fails_CredentialIssuersTrusted()
    {
        var payload = P.ServiceOffering(providedBy: P.LegalPersonSubjectId);
        payload["issuer"] = fixture.ThirdParty.Did;

        var failures = await FailuresOfAsync(P.Presentation(Credentials(more: Participant.SignCredential(fixture.ThirdParty, payload))));

        AssertOnlyFilter(failures, "CredentialIssuersTrusted", $"The issuer '{fixture.ThirdParty.Did}' is neither");
    }

    [Fact]
    public async Task Presentation_with_several_faults_reports_every_one_of_them()
    {
        var expiredVatId = P.VatId();
        expiredVatId["validUntil"] = Participant.Timestamp(fixture.Time.GetUtcNow().AddDays(-1));
        var credentials = Credentials(
            vatId: Participant.SignCredential(P.Notary, expiredVatId),
            issuer: Participant.SignCredential(P.Identity, P.IssuerDeclaration(hash: new string('1', 64))),
            more: Participant.SignCredential(P.Identity, P.ServiceOffering(providedBy: "did:web:elsewhere.example")));
        var legalPerson = Participant.SignCredential(P.Identity, P.LegalPerson(), header => header["kid"] = P.Identity.Did + "#key-9");
        credentials[0] = legalPerson;

        var failures = await FailuresOfAsync(P.Presentation(credentials, signingKey: P.Notary.Key));

        Assert.Contains(failures, f => f.Filter == "DidResolutionAndKey" && f.CredentialId == P.LegalPersonCredentialId);
        Assert.Contains(failures, f => f.Filter == "PresentationSignature" && f.CredentialId == "presentation");
        Assert.Contains(failures, f => f.Filter == "CredentialSignaturesAndValidity" && f.CredentialId == P.VatIdCredentialId);
        Assert.Contains(failures, f => f.Filter == "IssuerTermsAndConditions" && f.CredentialId == P.IssuerCredentialId);
        Assert.Contains(failures, f => f.Filter == "ServiceOfferingProvidedBy");
        // The made-up hash is also outside the shapes' list of terms-and-conditions hashes.
        Assert.Contains(failures, f => f.Filter == "ShaclShapes" && f.CredentialId == P.IssuerCredentialId);
        Assert.Equal(6, failures.Select(f => f.Filter).Distinct().Count());
    }
}
