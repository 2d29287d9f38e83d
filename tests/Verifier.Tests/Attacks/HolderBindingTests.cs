using System.Net;
using System.Text.Json.Nodes;
using Verifier.Tests.Rules;
using Verifier.Tests.Support;

namespace Verifier.Tests.Attacks;

/// <summary>
/// Item 3 of issue 18: a jwt_vc_json credential is presented by the holder it is bound to
/// (<c>cnf.jwk</c>, else a DID <c>credentialSubject.id</c>), never by whoever signs a VP around it
/// (OpenID4VP 1.0 sections 8.6 and 14.1.2).
/// </summary>
public sealed class HolderBindingTests(VerifierFixture fixture) : IClassFixture<VerifierFixture>
{
    private VerifierHost Verifier => fixture.Verifier;

    private static JsonObject LegalPersonDcql() => Queries.Dcql(Queries.LegalPersonCredentialQuery());

    private static JsonObject Token(params string[] presentations) => new() { ["legal_person"] = new JsonArray(presentations.Select(p => (JsonNode)p).ToArray()) };

    [Fact]
    public async Task Vp_signed_by_another_key_than_the_credentials_cnf_key_is_rejected_with_holder_binding_mismatch()
    {
        using var victim = Verifier.NewWallet();
        using var attacker = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(attacker, LegalPersonDcql());
        var stolen = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: victim.HolderJwk);
        using var response = await attacker.PostDirectAsync(request, Token(attacker.PresentVcJwt(request, [stolen])));
        await Verifier.AssertRejectedAsync(response, id, "holder_binding_mismatch");
    }

    [Fact]
    public async Task Vp_signed_by_another_did_than_the_did_credential_subject_is_rejected_with_holder_binding_mismatch()
    {
        using var victim = Verifier.NewWallet();
        using var attacker = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(attacker, LegalPersonDcql());
        // No cnf: the subject's DID is the only binding.
        var subject = Queries.LegalPersonSubject();
        subject["id"] = victim.Did + "#subject";
        var stolen = Verifier.Issuer.IssueVcJwt("LegalPerson", subject);
        using var response = await attacker.PostDirectAsync(request, Token(attacker.PresentVcJwt(request, [stolen])));
        await Verifier.AssertRejectedAsync(response, id, "holder_binding_mismatch");
    }

    [Fact]
    public async Task Credential_bound_to_nobody_is_rejected_when_the_query_requires_holder_binding()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var subject = Queries.LegalPersonSubject();
        subject["id"] = "https://example-corp.example/legal-person";
        var unbound = Verifier.Issuer.IssueVcJwt("LegalPerson", subject);
        using var response = await wallet.PostDirectAsync(request, Token(wallet.PresentVcJwt(request, [unbound])));
        await Verifier.AssertRejectedAsync(response, id, "holder_binding_missing");
    }

    [Fact]
    public async Task Vp_mixing_the_signers_credential_with_a_stolen_one_is_rejected_with_holder_binding_mismatch()
    {
        using var victim = Verifier.NewWallet();
        using var attacker = Verifier.NewWallet();
        var query = Queries.LegalPersonCredentialQuery();
        query["multiple"] = true;
        var (id, request) = await Verifier.StartAsync(attacker, Queries.Dcql(query));
        var own = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: attacker.HolderJwk);
        var stolen = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject("Victim Corp"), holderJwk: victim.HolderJwk);
        using var response = await attacker.PostDirectAsync(request, Token(attacker.PresentVcJwt(request, [own, stolen])));
        await Verifier.AssertRejectedAsync(response, id, "holder_binding_mismatch");
    }

    [Fact]
    public async Task Cnf_key_wins_over_a_did_subject_so_a_subject_named_by_the_offer_does_not_lock_out_its_holder()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        // The Issuer binds cnf.jwk to the proof key and may take credentialSubject.id from the offer.
        var credential = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk,
            changePayload: p => p["credentialSubject"]!["id"] = "did:web:example-corp.example");
        using var response = await wallet.PostDirectAsync(request, Token(wallet.PresentVcJwt(request, [credential])));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("verified", (string?)(await Verifier.StatusAsync(id))["status"]);
    }

    [Fact]
    public async Task Credential_whose_cnf_is_not_a_usable_key_is_rejected_with_holder_binding_mismatch()
    {
        using var wallet = Verifier.NewWallet();
        var (id, request) = await Verifier.StartAsync(wallet, LegalPersonDcql());
        var credential = Verifier.Issuer.IssueVcJwt("LegalPerson", Queries.LegalPersonSubject(), holderJwk: wallet.HolderJwk,
            changePayload: p => p["cnf"] = new JsonObject { ["kid"] = "a-key-id-nobody-can-resolve" });
        using var response = await wallet.PostDirectAsync(request, Token(wallet.PresentVcJwt(request, [credential])));
        await Verifier.AssertRejectedAsync(response, id, "holder_binding_mismatch");
    }
}
