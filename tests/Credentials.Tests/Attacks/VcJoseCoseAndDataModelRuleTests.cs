using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.Tests.Support;
using GaiaX.Oid4vc.Credentials.VcJwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Credentials.Tests.Attacks;

/// <summary>
/// VC-JOSE-COSE section 3.1.2 (the JWT claims <c>vc</c> and <c>vp</c> must not be present) and the
/// VCDM 2.0 rules an independent validator applies, tried as a forger would: signed by a trusted
/// issuer, so only the rule can stop them.
/// </summary>
public sealed class VcJoseCoseAndDataModelRuleTests(CredentialsFixture fixture) : IClassFixture<CredentialsFixture>
{
    [Theory]
    [InlineData("vc")]
    [InlineData("vp")]
    public async Task Vc_jwt_carrying_a_vc_or_vp_claim_is_refused(string claim)
    {
        var jwt = fixture.SignVc("issuer.example", c => c[claim] = new JsonObject { ["type"] = new JsonArray("VerifiableCredential") });

        var result = await fixture.VcVerifier.VerifyAsync(jwt);

        Assert.False(result.Succeeded);
        Assert.Equal(VerificationFailure.DataModelViolation, result.Error!.Reason);
    }

    [Theory]
    [InlineData("vc")]
    [InlineData("vp")]
    public async Task Vp_jwt_carrying_a_vc_or_vp_claim_is_refused(string claim)
    {
        var holder = fixture.Holder;
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holder.Did,
            ["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["id"] = "data:application/vc+jwt," + fixture.IssueVc(),
                ["type"] = "EnvelopedVerifiableCredential",
            }),
            ["nonce"] = "n",
            ["aud"] = "a",
            ["iat"] = fixture.Time.GetUtcNow().ToUnixTimeSeconds(),
            [claim] = new JsonObject { ["type"] = new JsonArray("VerifiablePresentation") },
        };
        var jwt = Jws.Create(new JsonObject { ["typ"] = "vp+jwt", ["cty"] = "vp", ["iss"] = holder.Did }, payload, holder.Key);

        var result = await fixture.VpVerifier.VerifyAsync(jwt, new PresentationBinding { Nonce = "n", Audience = "a" });

        Assert.False(result.Succeeded);
        Assert.Equal(VerificationFailure.DataModelViolation, result.Error!.Reason);
    }

    [Theory]
    [InlineData("vc")]
    [InlineData("vp")]
    public void Vc_jwt_issuer_never_signs_a_credential_carrying_a_vc_or_vp_member(string claim)
    {
        var party = fixture.Issuer;
        var credential = CredentialsFixture.Credential(party.Did);
        credential[claim] = new JsonObject();

        Assert.Throws<ArgumentException>(() => fixture.VcIssuer.Issue(credential, party.Key, party.Did));
    }

    public static TheoryData<string> DataModelViolations() =>
    [
        "credentialSubject_empty_object",
        "credentialSubject_array_with_an_empty_object",
        "credentialSubject_id_not_a_url",
        "credentialSubject_id_not_a_string",
        "credentialStatus_without_type",
        "credentialStatus_id_not_a_url",
        "credentialSchema_without_id",
        "credentialSchema_without_type",
        "evidence_without_type",
        "evidence_array_entry_without_type",
        "refreshService_without_type",
        "termsOfUse_without_type",
    ];

    private static void Break(JsonObject credential, string rule)
    {
        switch (rule)
        {
            case "credentialSubject_empty_object": credential["credentialSubject"] = new JsonObject(); break;
            case "credentialSubject_array_with_an_empty_object": credential["credentialSubject"] = new JsonArray(new JsonObject { ["gx:legalName"] = "A" }, new JsonObject()); break;
            case "credentialSubject_id_not_a_url": credential["credentialSubject"]!["id"] = "not a url"; break;
            case "credentialSubject_id_not_a_string": credential["credentialSubject"]!["id"] = 42; break;
            case "credentialStatus_without_type": credential["credentialStatus"] = new JsonObject { ["id"] = "https://issuer.example/status/1#3" }; break;
            case "credentialStatus_id_not_a_url": credential["credentialStatus"] = new JsonObject { ["id"] = "status 3", ["type"] = "BitstringStatusListEntry" }; break;
            case "credentialSchema_without_id": credential["credentialSchema"] = new JsonObject { ["type"] = "JsonSchema" }; break;
            case "credentialSchema_without_type": credential["credentialSchema"] = new JsonObject { ["id"] = "https://issuer.example/schema.json" }; break;
            case "evidence_without_type": credential["evidence"] = new JsonObject { ["gx:evidenceURL"] = "https://registry.example/" }; break;
            case "evidence_array_entry_without_type":
                credential["evidence"] = new JsonArray(new JsonObject { ["type"] = "Evidence" }, new JsonObject { ["gx:evidenceURL"] = "https://registry.example/" });
                break;
            case "refreshService_without_type": credential["refreshService"] = new JsonObject { ["id"] = "https://issuer.example/refresh" }; break;
            case "termsOfUse_without_type": credential["termsOfUse"] = new JsonObject { ["id"] = "https://issuer.example/terms" }; break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }
    }

    [Theory]
    [MemberData(nameof(DataModelViolations))]
    public async Task Vc_jwt_breaking_a_vcdm_2_rule_is_refused_by_the_verifier(string rule)
    {
        var jwt = fixture.SignVc("issuer.example", c => Break(c, rule));

        var result = await fixture.VcVerifier.VerifyAsync(jwt);

        Assert.False(result.Succeeded, rule);
        Assert.Equal(VerificationFailure.DataModelViolation, result.Error!.Reason);
    }

    [Theory]
    [MemberData(nameof(DataModelViolations))]
    public void Vc_jwt_issuer_never_signs_a_credential_breaking_a_vcdm_2_rule(string rule)
    {
        var party = fixture.Issuer;
        var credential = CredentialsFixture.Credential(party.Did);
        Break(credential, rule);

        Assert.Throws<ArgumentException>(() => fixture.VcIssuer.Issue(credential, party.Key, party.Did));
    }

    [Fact]
    public async Task Vc_jwt_with_typed_status_schema_and_evidence_entries_still_verifies()
    {
        var jwt = fixture.IssueVc(change: c =>
        {
            c["credentialStatus"] = new JsonObject { ["id"] = "https://issuer.example/status/1#3", ["type"] = "BitstringStatusListEntry" };
            c["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = "https://issuer.example/schema.json", ["type"] = "JsonSchema" });
            c["evidence"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Evidence"), ["gx:evidenceURL"] = "https://registry.example/" });
        });

        var result = await fixture.VcVerifier.VerifyAsync(jwt);

        Assert.True(result.Succeeded, result.Error?.ToString());
    }

    [Fact]
    public async Task Vc_jwt_payload_carries_the_registered_claims_of_the_vc_jose_cose_profile_and_an_independent_library_validates_it()
    {
        var party = fixture.Issuer;
        var jwt = fixture.IssueVc();
        var payload = Jws.Parse(jwt, JwsPolicy.VcJwt).Value!.Payload;

        Assert.Equal(party.Did, payload.GetProperty("iss").GetString());
        Assert.Equal(Unix("2026-01-01T00:00:00Z"), payload.GetProperty("nbf").GetInt64());
        Assert.Equal(Unix("2027-01-01T00:00:00Z"), payload.GetProperty("exp").GetInt64());
        Assert.True(payload.GetProperty("iat").GetInt64() <= fixture.Time.GetUtcNow().ToUnixTimeSeconds());
        Assert.False(payload.TryGetProperty("vc", out _));
        Assert.False(payload.TryGetProperty("vp", out _));

        var result = await IndependentlyValidateAsync(jwt, party, fixture.Time.GetUtcNow());
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(party.Did, result.Issuer);
    }

    [Fact]
    public void Sd_jwt_issuer_uses_the_issuance_time_it_is_given_and_never_one_in_the_future()
    {
        var issuedAt = fixture.Time.GetUtcNow().AddHours(-5);
        var request = new SdJwtIssueRequest
        {
            Claims = new JsonObject { ["given_name"] = "A" },
            Vct = "https://issuer.example/vct",
            Issuer = fixture.Issuer.Did,
            Lifetime = TimeSpan.FromDays(10),
            IssuedAt = issuedAt,
        };

        var sdJwt = fixture.SdJwtIssuer.Issue(request, fixture.Issuer.Key);
        var payload = Jws.Parse(sdJwt[..sdJwt.IndexOf('~', StringComparison.Ordinal)], JwsPolicy.SdJwtVc).Value!.Payload;

        Assert.Equal(issuedAt.ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.Equal((issuedAt + TimeSpan.FromDays(10)).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
        Assert.Throws<ArgumentException>(() => fixture.SdJwtIssuer.Issue(request with { IssuedAt = fixture.Time.GetUtcNow().AddMinutes(5) }, fixture.Issuer.Key));
    }

    private static long Unix(string date) => DateTimeOffset.Parse(date, CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    /// <summary>Microsoft.IdentityModel validating our JWS with the issuer's public key: signature, iss, lifetime.</summary>
    internal static Task<TokenValidationResult> IndependentlyValidateAsync(string jwt, Party party, DateTimeOffset now)
    {
        var ecdsa = party.Key.CertificateChain[0].GetECDsaPublicKey()!;
        var handler = new JsonWebTokenHandler();
        return handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = party.Did,
            ValidateAudience = false,
            IssuerSigningKey = new ECDsaSecurityKey(ecdsa) { KeyId = party.KeyId },
            ValidTypes = ["vc+jwt"],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => notBefore <= now.UtcDateTime && expires > now.UtcDateTime,
        });
    }
}
