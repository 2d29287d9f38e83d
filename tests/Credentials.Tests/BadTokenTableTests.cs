using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.Tests.Support;
using GaiaX.Oid4vc.Credentials.VcJwt;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>
/// Bad tokens, each refused with its own reason. Every row starts from a valid token and breaks one
/// thing, so a row passes only because of the defect it names.
/// </summary>
public sealed class BadTokenTableTests(CredentialsFixture fixture) : IClassFixture<CredentialsFixture>
{
    private static readonly long NowSeconds = CredentialsFixture.Now.ToUnixTimeSeconds();

    private delegate Task<VerificationError?> Attempt(CredentialsFixture f);

    private static readonly Dictionary<string, (VerificationFailure Expected, Attempt Run)> Cases = new()
    {
        // --- structure and encoding
        ["empty_token"] = (VerificationFailure.Malformed, f => Vc(f, "")),
        ["truncated_to_two_parts"] = (VerificationFailure.Malformed, f => Vc(f, string.Join('.', f.IssueVc().Split('.')[..2]))),
        ["four_parts"] = (VerificationFailure.Malformed, f => Vc(f, f.IssueVc() + ".AAAA")),
        ["five_parts_jwe_shape"] = (VerificationFailure.Malformed, f => Vc(f, "eyJhbGciOiJFUzI1NiJ9.a.b.c.d")),
        ["empty_payload_part"] = (VerificationFailure.Malformed, f => Vc(f, Part(f.IssueVc(), 0) + ".." + Part(f.IssueVc(), 2))),
        ["missing_signature_part"] = (VerificationFailure.Malformed, f => Vc(f, Part(f.IssueVc(), 0) + "." + Part(f.IssueVc(), 1) + ".")),
        ["truncated_signature"] = (VerificationFailure.InvalidSignature, f => Vc(f, f.IssueVc()[..^6])),
        ["truncated_to_impossible_base64_length"] = (VerificationFailure.BadBase64, f => Vc(f, f.IssueVc()[..^1])),
        ["bad_base64_in_header"] = (VerificationFailure.BadBase64, f => Vc(f, "*" + f.IssueVc()[1..])),
        ["standard_base64_plus_in_payload"] = (VerificationFailure.BadBase64, f => Vc(f, Replace(f.IssueVc(), 1, p => "+" + p[1..]))),
        ["padding_in_signature"] = (VerificationFailure.BadBase64, f => Vc(f, f.IssueVc() + "==")),
        ["whitespace_inside_payload"] = (VerificationFailure.BadBase64, f => Vc(f, Replace(f.IssueVc(), 1, p => p[..10] + " " + p[10..]))),
        ["header_not_json"] = (VerificationFailure.BadJson, f => Vc(f, B64("not json") + "." + Part(f.IssueVc(), 1) + "." + Part(f.IssueVc(), 2))),
        ["header_json_array"] = (VerificationFailure.BadJson, f => Vc(f, B64("[\"ES256\"]") + "." + Part(f.IssueVc(), 1) + "." + Part(f.IssueVc(), 2))),
        ["payload_not_json"] = (VerificationFailure.BadJson, f => Vc(f, CredentialsFixture.RawJws(Header(f), "hello", f.Issuer.Key))),
        ["duplicate_header_member"] = (VerificationFailure.BadJson, f => Vc(f, CredentialsFixture.RawJws(
            $"{{\"alg\":\"ES256\",\"alg\":\"none\",\"typ\":\"vc+jwt\",\"kid\":\"{f.Issuer.KeyId}\"}}", Cred(f), f.Issuer.Key))),
        ["header_invalid_utf8"] = (VerificationFailure.BadJson, f => Vc(f, Base64UrlStrict.Encode([0x7B, 0x22, 0xD1, 0x22, 0x3A, 0x31, 0x7D]) + "." + Part(f.IssueVc(), 1) + "." + Part(f.IssueVc(), 2))),
        ["payload_with_lone_surrogate_escape"] = (VerificationFailure.BadJson, f => Vc(f, CredentialsFixture.RawJws(Header(f), "{\"issuer\":\"\\ud800\"}", f.Issuer.Key))),
        ["oversized_token"] = (VerificationFailure.Oversized, f => Vc(f, f.SignVc("issuer.example", c => c["padding"] = new string('x', 300_000)))),

        // --- algorithms and keys
        ["alg_none"] = (VerificationFailure.AlgorithmNone, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "none"), Cred(f), sign: null))),
        ["alg_none_mixed_case"] = (VerificationFailure.AlgorithmNone, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "nOnE"), Cred(f), sign: null))),
        ["alg_missing"] = (VerificationFailure.AlgorithmNotAllowed, f => Vc(f, CredentialsFixture.RawJws($"{{\"typ\":\"vc+jwt\",\"kid\":\"{f.Issuer.KeyId}\"}}", Cred(f), f.Issuer.Key))),
        ["alg_hs256_signed_with_the_public_key"] = (VerificationFailure.AlgorithmNotAllowed, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "HS256"), Cred(f),
            data => HMACSHA256.HashData(Encoding.UTF8.GetBytes(f.Issuer.Key.PublicKey.ToJwk().ToJsonString()), data)))),
        ["alg_hs512_signed_with_the_certificate"] = (VerificationFailure.AlgorithmNotAllowed, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "HS512"), Cred(f),
            data => HMACSHA512.HashData(f.Issuer.Key.CertificateChain[0].RawData, data)))),
        ["alg_es512_not_on_allow_list"] = (VerificationFailure.AlgorithmNotAllowed, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "ES512"), Cred(f), f.Issuer.Key))),
        ["alg_eddsa_not_on_allow_list"] = (VerificationFailure.AlgorithmNotAllowed, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "EdDSA"), Cred(f), f.Issuer.Key))),
        ["alg_rs256_with_an_ec_key"] = (VerificationFailure.KeyAlgorithmMismatch, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "RS256"), Cred(f), f.Issuer.Key))),
        ["alg_ps256_with_an_ec_key"] = (VerificationFailure.KeyAlgorithmMismatch, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "PS256"), Cred(f), f.Issuer.Key))),
        ["alg_es384_with_a_p256_key"] = (VerificationFailure.KeyAlgorithmMismatch, f => Vc(f, CredentialsFixture.RawJws(Header(f, alg: "ES384"), Cred(f), f.Issuer.Key))),
        ["der_encoded_ecdsa_signature"] = (VerificationFailure.InvalidSignature, f => Vc(f, CredentialsFixture.RawJws(Header(f), Cred(f), data => ToDer(f.Issuer.Key.Sign(data))))),
        ["signed_by_another_key"] = (VerificationFailure.InvalidSignature, f => Vc(f, CredentialsFixture.RawJws(Header(f), Cred(f), f.Party("other.example").Key))),
        ["tampered_payload"] = (VerificationFailure.InvalidSignature, f => Vc(f, Replace(f.IssueVc(), 1, _ => Part(f.IssueVc(change: c => c["credentialSubject"]!["gx:legalName"] = "Mallory"), 1)))),

        // --- kid and issuer
        ["kid_missing"] = (VerificationFailure.MissingKeyId, f => Vc(f, CredentialsFixture.RawJws(Header(f, kid: null), Cred(f), f.Issuer.Key))),
        ["kid_of_another_did"] = (VerificationFailure.KeyIdNotOfIssuer, f => Vc(f, CredentialsFixture.RawJws(Header(f, kid: "did:web:other.example#key-1"), Cred(f), f.Party("other.example").Key))),
        ["kid_with_empty_fragment"] = (VerificationFailure.KeyIdNotOfIssuer, f => Vc(f, CredentialsFixture.RawJws(Header(f, kid: f.Issuer.Did + "#"), Cred(f), f.Issuer.Key))),
        ["kid_not_in_the_did_document"] = (VerificationFailure.KeyNotFound, f => Vc(f, CredentialsFixture.RawJws(Header(f, kid: f.Issuer.Did + "#key-2"), Cred(f), f.Issuer.Key))),
        ["kid_not_a_did_web_url"] = (VerificationFailure.KeyNotFound, f => Vc(f, CredentialsFixture.RawJws(
            "{\"alg\":\"ES256\",\"typ\":\"vc+jwt\",\"kid\":\"https://issuer.example/keys#1\"}", Cred(f, issuer: "https://issuer.example"), f.Issuer.Key))),
        ["header_iss_differs_from_credential_issuer"] = (VerificationFailure.IssuerMismatch, f => Vc(f, CredentialsFixture.RawJws(Header(f, iss: "did:web:other.example"), Cred(f), f.Issuer.Key))),
        ["iss_claim_differs_from_credential_issuer"] = (VerificationFailure.IssuerMismatch, f => Vc(f, f.SignVc("issuer.example", c => c["iss"] = "did:web:other.example"))),
        // Another trusted party signs with its own certificate in x5c and claims the issuer's DID: the DID key decides.
        ["x5c_header_cannot_stand_in_for_the_did_key"] = (VerificationFailure.InvalidSignature, f => Vc(f, CredentialsFixture.RawJws(
            new JsonObject
            {
                ["alg"] = "ES256", ["typ"] = "vc+jwt", ["kid"] = f.Issuer.KeyId,
                ["x5c"] = new JsonArray(f.Party("other.example").Key.X5c.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            }.ToJsonString(), Cred(f), f.Party("other.example").Key))),
        ["did_host_unknown"] = (VerificationFailure.DidResolutionFailed, f => Vc(f, CredentialsFixture.RawJws(
            "{\"alg\":\"ES256\",\"typ\":\"vc+jwt\",\"kid\":\"did:web:missing.example#key-1\"}", Cred(f, issuer: "did:web:missing.example"), f.Issuer.Key))),

        // --- time
        ["expired_exp"] = (VerificationFailure.Expired, f => Vc(f, f.SignVc("issuer.example", c => c["exp"] = NowSeconds - 3600))),
        ["expired_validUntil"] = (VerificationFailure.Expired, f => Vc(f, f.SignVc("issuer.example", c => c["validUntil"] = "2026-05-01T00:00:00Z"))),
        ["nbf_in_the_future"] = (VerificationFailure.NotYetValid, f => Vc(f, f.SignVc("issuer.example", c => c["nbf"] = NowSeconds + 3600))),
        ["validFrom_in_the_future"] = (VerificationFailure.NotYetValid, f => Vc(f, f.SignVc("issuer.example", c => c["validFrom"] = "2026-07-01T00:00:00Z"))),
        ["iat_in_the_future"] = (VerificationFailure.IssuedAtInvalid, f => Vc(f, f.SignVc("issuer.example", c => c["iat"] = NowSeconds + 3600))),
        ["exp_not_a_number"] = (VerificationFailure.MissingClaim, f => Vc(f, f.SignVc("issuer.example", c => c["exp"] = "tomorrow"))),

        // --- typ, cty, crit
        ["typ_jwt"] = (VerificationFailure.WrongType, f => Vc(f, f.SignVc("issuer.example", _ => { }, h => h["typ"] = "JWT"))),
        ["typ_missing"] = (VerificationFailure.WrongType, f => Vc(f, f.SignVc("issuer.example", _ => { }, h => h.Remove("typ")))),
        ["typ_vp_jwt_offered_as_credential"] = (VerificationFailure.WrongType, f => Vc(f, f.SignVc("issuer.example", _ => { }, h => h["typ"] = "vp+jwt"))),
        ["cty_wrong"] = (VerificationFailure.WrongContentType, f => Vc(f, f.SignVc("issuer.example", _ => { }, h => h["cty"] = "json"))),
        ["crit_unknown_extension"] = (VerificationFailure.UnknownCritical, f => Vc(f, f.SignVc("issuer.example", _ => { }, h =>
        {
            h["crit"] = new JsonArray("urn:example:must-understand");
            h["urn:example:must-understand"] = true;
        }))),
        ["crit_empty_array"] = (VerificationFailure.UnknownCritical, f => Vc(f, f.SignVc("issuer.example", _ => { }, h => h["crit"] = new JsonArray()))),
        ["crit_not_an_array"] = (VerificationFailure.UnknownCritical, f => Vc(f, f.SignVc("issuer.example", _ => { }, h => h["crit"] = "b64"))),

        // --- VC Data Model 2.0
        ["first_context_not_v2"] = (VerificationFailure.DataModelViolation, f => Vc(f, f.SignVc("issuer.example", c => c["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1")))),
        ["type_without_VerifiableCredential"] = (VerificationFailure.DataModelViolation, f => Vc(f, f.SignVc("issuer.example", c => c["type"] = new JsonArray("gx:LegalPerson")))),
        ["credentialSubject_missing"] = (VerificationFailure.DataModelViolation, f => Vc(f, f.SignVc("issuer.example", c => c.Remove("credentialSubject")))),
        ["issuer_missing"] = (VerificationFailure.DataModelViolation, f => Vc(f, f.SignVc("issuer.example", c => c.Remove("issuer")))),
        ["validFrom_without_time_zone"] = (VerificationFailure.DataModelViolation, f => Vc(f, f.SignVc("issuer.example", c => c["validFrom"] = "2026-01-01T00:00:00"))),

        // --- certificates behind the DID key
        ["chain_to_an_untrusted_root"] = (VerificationFailure.UntrustedChain, f => Vc(f, f.IssueVc("untrusted.example"))),
        ["self_signed_leaf"] = (VerificationFailure.SelfSignedCertificate, f => Vc(f, f.IssueVc("selfsigned.example"))),
        ["jwk_not_matching_the_leaf_certificate"] = (VerificationFailure.KeyCertificateMismatch, f => Vc(f, f.IssueVc("mismatch.example"))),
        ["expired_intermediate"] = (VerificationFailure.CertificateExpired, f => Vc(f, f.IssueVc("expiredca.example"))),
        ["leaf_not_for_digital_signatures"] = (VerificationFailure.CertificateKeyUsage, f => Vc(f, f.IssueVc("nokeyusage.example"))),
        ["leaf_without_required_ev_policy"] = (VerificationFailure.CertificatePolicyMissing, async f => (await f.EvVcVerifier.VerifyAsync(f.IssueVc())).Error),
        ["did_jwk_without_alg"] = (VerificationFailure.InvalidKey, f => Vc(f, f.IssueVc("noalg.example"))),
        ["did_jwk_without_certificate"] = (VerificationFailure.UntrustedChain, f => Vc(f, f.IssueVc("nox5c.example"))),
        ["did_jwk_with_private_key"] = (VerificationFailure.PrivateKeyInJwk, f => Vc(f, f.IssueVc("private.example"))),
        ["x5c_header_chain_to_an_untrusted_root"] = (VerificationFailure.UntrustedChain, f => SdJwt(f, f.SdJwtIssuer.Issue(SdRequest(f) with { UseX5c = true }, f.Party("untrusted.example").Key), keyBinding: false)),

        // --- presentations
        ["vp_with_tampered_enveloped_credential"] = (VerificationFailure.EnvelopedCredentialInvalid, f => Vp(f, f.VpIssuer.Issue(
            [Replace(f.IssueVc(), 1, _ => Part(f.IssueVc(change: c => c["credentialSubject"]!["gx:legalName"] = "Mallory"), 1))], f.Holder.Key, f.Holder.Did, "n-1", "aud-1"))),
        ["vp_wrong_nonce"] = (VerificationFailure.NonceMismatch, f => Vp(f, f.VpIssuer.Issue([f.IssueVc()], f.Holder.Key, f.Holder.Did, "n-2", "aud-1"))),
        ["vp_without_nonce"] = (VerificationFailure.NonceMismatch, f => Vp(f, f.VpIssuer.Issue([f.IssueVc()], f.Holder.Key, f.Holder.Did, null, "aud-1"))),
        ["vp_wrong_audience"] = (VerificationFailure.AudienceMismatch, f => Vp(f, f.VpIssuer.Issue([f.IssueVc()], f.Holder.Key, f.Holder.Did, "n-1", "aud-2"))),
        ["vp_credential_not_enveloped"] = (VerificationFailure.DataModelViolation, f => Vp(f, Jws.Create(new JsonObject { ["typ"] = "vp+jwt" }, new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = f.Holder.Did,
            ["nonce"] = "n-1",
            ["aud"] = "aud-1",
            ["verifiableCredential"] = new JsonArray(new JsonObject { ["type"] = "EnvelopedVerifiableCredential", ["id"] = "https://example.com/vc.jwt" }),
        }, f.Holder.Key))),
        ["vp_credential_offered_as_presentation"] = (VerificationFailure.WrongType, f => Vp(f, f.IssueVc())),
        ["vp_signed_by_another_key"] = (VerificationFailure.InvalidSignature, f => Vp(f, CredentialsFixture.RawJws(
            $"{{\"alg\":\"ES256\",\"typ\":\"vp+jwt\",\"kid\":\"{f.Holder.KeyId}\"}}",
            $"{{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiablePresentation\"],\"holder\":\"{f.Holder.Did}\",\"nonce\":\"n-1\",\"aud\":\"aud-1\"}}",
            f.Issuer.Key))),

        // --- SD-JWT VC and key binding
        ["kb_wrong_nonce"] = (VerificationFailure.NonceMismatch, f => SdJwt(f, Present(f, nonce: "other-nonce"))),
        ["kb_wrong_audience"] = (VerificationFailure.AudienceMismatch, f => SdJwt(f, Present(f, audience: "https://attacker.example"))),
        ["kb_sd_hash_over_other_disclosures"] = (VerificationFailure.SdHashMismatch, f =>
        {
            var presentation = Present(f);
            var parts = presentation.Split('~');
            return SdJwt(f, string.Join('~', parts.Where((_, i) => i != 1)));
        }),
        ["kb_missing_where_required"] = (VerificationFailure.KeyBindingMissing, f => SdJwt(f, SdJwtHolder.Present(Issued(f), _ => true, null, null, null, CredentialsFixture.Now))),
        ["kb_signed_by_another_key"] = (VerificationFailure.InvalidSignature, f => SdJwt(f, Present(f, holderKey: f.Party("other.example").Key))),
        ["kb_typ_jwt"] = (VerificationFailure.WrongType, f =>
        {
            var presentation = SdJwtHolder.Present(Issued(f), _ => true, null, null, null, CredentialsFixture.Now);
            var kb = Jws.Create(new JsonObject { ["typ"] = "JWT" }, new JsonObject
            {
                ["iat"] = NowSeconds, ["aud"] = "https://verifier.example", ["nonce"] = "nonce-1", ["sd_hash"] = Disclosure.DigestOf(presentation),
            }, f.HolderKey);
            return SdJwt(f, presentation + kb);
        }),
        ["kb_iat_too_old"] = (VerificationFailure.IssuedAtInvalid, f => SdJwt(f, Present(f, issuedAt: CredentialsFixture.Now.AddHours(-1)))),
        ["sd_x5c_certificate_not_naming_the_iss_host"] = (VerificationFailure.IssuerMismatch, f => SdJwt(f,
            f.SdJwtIssuer.Issue(SdRequest(f) with { Issuer = "https://other.example" }, f.Issuer.Key), keyBinding: false)),
        ["sd_duplicate_disclosure"] = (VerificationFailure.DisclosureInvalid, f =>
        {
            var issued = Issued(f);
            return SdJwt(f, issued + issued.Split('~')[1] + "~", keyBinding: false);
        }),
        ["sd_forged_disclosure"] = (VerificationFailure.DisclosureInvalid, f => SdJwt(f, Issued(f) + Disclosure.Create("given_name", "Mallory").Encoded + "~", keyBinding: false)),
        ["sd_disclosure_not_base64url"] = (VerificationFailure.DisclosureInvalid, f => SdJwt(f, Issued(f) + "not*base64~", keyBinding: false)),
        ["sd_disclosure_naming_the_sd_claim"] = (VerificationFailure.DisclosureInvalid, f => SdJwt(f, Issued(f) + B64("[\"salt\",\"_sd\",[]]") + "~", keyBinding: false)),
        ["sd_unsupported_hash_algorithm"] = (VerificationFailure.UnsupportedHashAlgorithm, f => SdJwt(f, Jws.Create(new JsonObject { ["typ"] = "dc+sd-jwt" },
            new JsonObject { ["iss"] = "https://issuer.example", ["vct"] = "urn:example:vct", ["_sd_alg"] = "sha-512", ["_sd"] = new JsonArray() }, f.Issuer.Key) + "~", keyBinding: false)),
        ["sd_issuer_jwt_typ_jwt"] = (VerificationFailure.WrongType, f => SdJwt(f, Jws.Create(new JsonObject { ["typ"] = "JWT" },
            new JsonObject { ["iss"] = "https://issuer.example", ["vct"] = "urn:example:vct" }, f.Issuer.Key) + "~", keyBinding: false)),
        ["sd_missing_vct"] = (VerificationFailure.MissingClaim, f => SdJwt(f, Jws.Create(new JsonObject { ["typ"] = "dc+sd-jwt" },
            new JsonObject { ["iss"] = "https://issuer.example" }, f.Issuer.Key) + "~", keyBinding: false)),

        // --- holder proofs (OID4VCI proof JWTs)
        ["proof_jwk_with_private_key"] = (VerificationFailure.PrivateKeyInJwk, f => Proof(f, jwk =>
        {
            jwk["d"] = "jpsQnnGQmL-YBIffH1136cLNBY3fGjfpf7c8ZSnD6Y0";
        })),
        ["proof_with_both_jwk_and_kid"] = (VerificationFailure.InvalidKey, f => Proof(f, _ => { }, h => h["kid"] = f.Holder.KeyId)),
        ["proof_with_symmetric_jwk"] = (VerificationFailure.InvalidKey, f => Proof(f, jwk =>
        {
            jwk.Clear();
            jwk["kty"] = "oct";
            jwk["k"] = "c2VjcmV0";
        })),
        ["proof_jwk_on_an_unsupported_curve"] = (VerificationFailure.InvalidKey, f => Proof(f, jwk => jwk["crv"] = "secp256k1")),
        ["proof_wrong_typ"] = (VerificationFailure.WrongType, f => Proof(f, _ => { }, h => h["typ"] = "JWT")),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Fact]
    public void The_table_holds_at_least_fifty_bad_tokens() => Assert.True(Cases.Count >= 50, $"{Cases.Count} cases");

    [Fact]
    public async Task The_unmodified_tokens_the_rows_start_from_verify()
    {
        Assert.Null(await Vc(fixture, fixture.IssueVc()));
        Assert.Null(await Vc(fixture, CredentialsFixture.RawJws(Header(fixture), Cred(fixture), fixture.Issuer.Key)));
        Assert.Null(await Vp(fixture, fixture.VpIssuer.Issue([fixture.IssueVc()], fixture.Holder.Key, fixture.Holder.Did, "n-1", "aud-1")));
        Assert.Null(await SdJwt(fixture, Present(fixture)));
        Assert.Null(await Proof(fixture, _ => { }));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_token_is_rejected_with_its_specific_reason(string name)
    {
        var (expected, run) = Cases[name];
        var error = await run(fixture);
        Assert.NotNull(error);
        Assert.True(expected == error.Reason, $"{name}: expected {expected}, got {error}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    private static async Task<VerificationError?> Vc(CredentialsFixture f, string token) => (await f.VcVerifier.VerifyAsync(token)).Error;

    private static async Task<VerificationError?> Vp(CredentialsFixture f, string token) =>
        (await f.VpVerifier.VerifyAsync(token, new PresentationBinding { Nonce = "n-1", Audience = "aud-1" })).Error;

    private static async Task<VerificationError?> SdJwt(CredentialsFixture f, string token, bool keyBinding = true) =>
        (await f.SdJwtVerifier.VerifyAsync(token, new SdJwtVerificationOptions { Nonce = "nonce-1", Audience = "https://verifier.example", RequireKeyBinding = keyBinding })).Error;

    private static async Task<VerificationError?> Proof(CredentialsFixture f, Action<JsonObject> changeJwk, Action<JsonObject>? changeHeader = null)
    {
        var jwk = f.HolderKey.PublicKey.ToJwk();
        changeJwk(jwk);
        var header = new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["jwk"] = jwk };
        changeHeader?.Invoke(header);
        var proof = Jws.Create(header, new JsonObject { ["aud"] = "https://issuer.example", ["iat"] = NowSeconds, ["nonce"] = "c-nonce" }, f.HolderKey);
        var resolver = new HolderProofKeyResolver(new HeaderJwkResolver(), f.Keys);
        return (await Jws.VerifyAsync(proof, JwsPolicy.Oid4vciProof, resolver, f.Time)).Error;
    }

    private static SdJwtIssueRequest SdRequest(CredentialsFixture f) => new()
    {
        Claims = new JsonObject { ["given_name"] = "Erika", ["family_name"] = "Mustermann" },
        Vct = "urn:example:person",
        Issuer = "https://issuer.example",
        Disclosable = ["/given_name", "/family_name"],
        HolderKey = f.HolderKey.PublicKey.ToJwk(),
        UseX5c = true,
    };

    private static string Issued(CredentialsFixture f) => f.SdJwtIssuer.Issue(SdRequest(f), f.Issuer.Key);

    private static string Present(CredentialsFixture f, string nonce = "nonce-1", string audience = "https://verifier.example", SigningKey? holderKey = null, DateTimeOffset? issuedAt = null) =>
        SdJwtHolder.Present(Issued(f), _ => true, holderKey ?? f.HolderKey, nonce, audience, issuedAt ?? CredentialsFixture.Now);

    private static string Header(CredentialsFixture f, string alg = "ES256", string? kid = "", string? iss = null)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "vc+jwt", ["cty"] = "vc", ["iss"] = iss ?? f.Issuer.Did };
        if (kid is not null)
        {
            header["kid"] = kid.Length == 0 ? f.Issuer.KeyId : kid;
        }
        return header.ToJsonString();
    }

    private static string Cred(CredentialsFixture f, string? issuer = null) => CredentialsFixture.Credential(issuer ?? f.Issuer.Did).ToJsonString();

    private static string Part(string token, int index) => token.Split('.')[index];

    private static string Replace(string token, int index, Func<string, string> change)
    {
        var parts = token.Split('.');
        parts[index] = change(parts[index]);
        return string.Join('.', parts);
    }

    private static string B64(string text) => Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(text));

    private static byte[] ToDer(byte[] p1363)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(p1363.AsSpan(0, 32)));
            writer.WriteIntegerUnsigned(Minimal(p1363.AsSpan(32)));
        }
        return writer.Encode();
    }

    // DER wants an integer's shortest form: r or s of a P1363 signature starts with a zero byte
    // about once in 256 signatures, which AsnWriter refuses (this test failed that often).
    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }
        return value[start..];
    }
}
