using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Items 20 and 23 of issue 18. Timestamps: the credentials of a batch (and of consecutive
/// issuances) must not share one exact <c>iat</c>/<c>exp</c>, which would let verifiers link them
/// (RFC 9901 section 10.1); each gets its own issuance time, drawn uniformly from the window before
/// now (<c>Issuer:IssuanceTimeJitterSeconds</c>), never in the future, with <c>nbf</c> and
/// <c>exp</c> following from it. Registered claims: a <c>jwt_vc_json</c> payload carries
/// <c>iss</c>, <c>sub</c>, <c>jti</c>, <c>nbf</c>, <c>iat</c>, <c>exp</c>, <c>cnf</c> agreeing with
/// the credential, and no <c>vc</c>/<c>vp</c>. An independent library (Microsoft.IdentityModel)
/// validates what we sign.
/// </summary>
public sealed class IssuedCredentialClaimsTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private const int Batch = 10;

    [Fact]
    public async Task Credentials_of_a_jwt_vc_json_batch_do_not_share_one_exact_iat_or_exp()
    {
        var payloads = await IssueBatchAsync("LegalPerson_jwt_vc_json");

        Assert.True(payloads.Select(p => p["iat"]!.GetValue<long>()).Distinct().Count() > 1, "every credential of the batch has the same iat");
        Assert.True(payloads.Select(p => p["exp"]!.GetValue<long>()).Distinct().Count() > 1, "every credential of the batch has the same exp");
    }

    [Fact]
    public async Task Credentials_of_a_dc_sd_jwt_batch_do_not_share_one_exact_iat_or_exp()
    {
        var payloads = await IssueBatchAsync("LegalPerson_dc_sd_jwt");

        Assert.True(payloads.Select(p => p["iat"]!.GetValue<long>()).Distinct().Count() > 1, "every credential of the batch has the same iat");
        Assert.True(payloads.Select(p => p["exp"]!.GetValue<long>()).Distinct().Count() > 1, "every credential of the batch has the same exp");
    }

    [Fact]
    public async Task Consecutive_issuances_at_the_same_instant_do_not_share_one_exact_iat()
    {
        var first = await IssueBatchAsync("LegalPerson_jwt_vc_json", count: 1);
        var iats = new List<long> { first[0]["iat"]!.GetValue<long>() };
        for (var i = 0; i < 4; i++)
        {
            iats.Add((await IssueBatchAsync("LegalPerson_jwt_vc_json", count: 1))[0]["iat"]!.GetValue<long>());
        }

        Assert.True(iats.Distinct().Count() > 1, "five issuances at one instant share one iat");
    }

    [Theory]
    [InlineData("LegalPerson_jwt_vc_json")]
    [InlineData("LegalPerson_dc_sd_jwt")]
    public async Task Issuance_times_are_never_in_the_future_and_lie_within_the_window(string configuration)
    {
        var now = fixture.Time.GetUtcNow().ToUnixTimeSeconds();
        var validity = TimeSpan.FromDays(365).TotalSeconds;

        foreach (var payload in await IssueBatchAsync(configuration))
        {
            var iat = payload["iat"]!.GetValue<long>();
            Assert.InRange(iat, now - (long)TimeSpan.FromDays(1).TotalSeconds, now);
            Assert.Equal(iat + (long)validity, payload["exp"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Jwt_vc_json_payload_carries_the_registered_claims_that_agree_with_the_credential()
    {
        foreach (var payload in await IssueBatchAsync("LegalPerson_jwt_vc_json", count: 2))
        {
            var issuer = payload["issuer"]!.GetValue<string>();
            Assert.Equal(issuer, payload["iss"]!.GetValue<string>());
            Assert.Equal(payload["credentialSubject"]!["id"]!.GetValue<string>(), payload["sub"]!.GetValue<string>());
            Assert.Equal(payload["id"]!.GetValue<string>(), payload["jti"]!.GetValue<string>());
            Assert.Equal(Unix(payload["validFrom"]!), payload["nbf"]!.GetValue<long>());
            Assert.Equal(Unix(payload["validUntil"]!), payload["exp"]!.GetValue<long>());
            Assert.Equal(payload["nbf"]!.GetValue<long>(), payload["iat"]!.GetValue<long>());
            Assert.NotNull(payload["cnf"]!["jwk"]);
            Assert.Null(payload["vc"]);
            Assert.Null(payload["vp"]);
        }
    }

    [Fact]
    public async Task Jwt_vc_json_credentials_validate_with_microsoft_identity_model_against_the_did_document_key()
    {
        var jwts = await IssueBatchJwtsAsync("LegalPerson_jwt_vc_json", count: 3);
        var document = (await fixture.Client.GetFromJsonAsync<JsonObject>(new Uri("/.well-known/did.json", UriKind.Relative)))!;
        var method = document["verificationMethod"]![0]!;
        var jwk = new JsonWebKey(method["publicKeyJwk"]!.ToJsonString()) { KeyId = method["id"]!.GetValue<string>() };
        var now = fixture.Time.GetUtcNow().UtcDateTime;
        var handler = new JsonWebTokenHandler();

        foreach (var jwt in jwts)
        {
            var result = await handler.ValidateTokenAsync(jwt, new TokenValidationParameters
            {
                ValidIssuer = document["id"]!.GetValue<string>(),
                ValidateAudience = false,
                IssuerSigningKey = jwk,
                ValidTypes = ["vc+jwt"],
                RequireExpirationTime = true,
                LifetimeValidator = (notBefore, expires, _, _) => notBefore is not null && notBefore <= now && expires > now,
            });

            Assert.True(result.IsValid, result.Exception?.ToString());
            Assert.Equal(document["id"]!.GetValue<string>(), result.Issuer);
        }
    }

    private static long Unix(JsonNode date) =>
        DateTimeOffset.Parse(date.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    private async Task<List<JsonObject>> IssueBatchAsync(string configuration, int count = Batch) =>
        (await IssueBatchJwtsAsync(configuration, count)).Select(c => CredentialChecks.DecodePart(c.Split('~')[0].Split('.')[1])).ToList();

    private async Task<List<string>> IssueBatchJwtsAsync(string configuration, int count)
    {
        using var wallet = fixture.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer(configuration: configuration));
        var nonce = await wallet.NonceAsync();
        var proofs = Enumerable.Range(0, count).Select(_ => wallet.Proof(wallet.NewKey(), nonce)).ToArray();

        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new { credential_configuration_id = configuration, proofs = new { jwt = proofs } });

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var credentials = body!["credentials"]!.AsArray().Select(c => c!["credential"]!.GetValue<string>()).ToList();
        Assert.Equal(count, credentials.Count);
        return credentials;
    }
}
