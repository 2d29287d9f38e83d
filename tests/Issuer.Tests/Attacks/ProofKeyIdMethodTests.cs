using System.Net;

namespace Issuer.Tests.Attacks;

/// <summary>
/// Item 5 of issue 18: a proof's <c>kid</c> is a <c>did:jwk</c> DID URL or nothing. Every other
/// method (did:web, an https URL, did:key, a differently cased did:jwk) is refused with
/// <c>invalid_proof</c> before anything is fetched, so a wallet cannot make the Issuer call a host
/// of its choosing, hang on it, or learn how the connection failed.
/// </summary>
public sealed class ProofKeyIdMethodTests(CountingHostIssuerFixture fixture) : IClassFixture<CountingHostIssuerFixture>
{
    public static TheoryData<string> ForeignKeyIds() =>
    [
        "did:web:127.0.0.1%3A{port}#key-1",
        "did:web:127.0.0.1%3A{port}:wallets:alice#key-1",
        "did:web:127.0.0.1%3A{port}",
        "http://127.0.0.1:{port}/jwks.json#key-1",
        "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169",
        "DID:JWK:eyJrdHkiOiJFQyJ9",
        "#key-1",
    ];

    [Theory]
    [MemberData(nameof(ForeignKeyIds))]
    public async Task Key_proof_with_a_kid_that_is_not_did_jwk_is_refused_with_invalid_proof_before_any_fetch(string kidTemplate)
    {
        var issuer = fixture.Issuer;
        using var wallet = issuer.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
        var holder = wallet.NewKey();
        var kid = kidTemplate.Replace("{port}", fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var proof = wallet.Proof(holder, await wallet.NonceAsync(), (header, _) =>
        {
            header.Remove("jwk");
            header["kid"] = kid;
        });
        var before = fixture.Requests;

        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { proof } },
        });

        Assert.True(before == fixture.Requests, $"the Issuer sent {fixture.Requests - before} request(s) for one proof; it answered {body}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_proof", body!["error"]!.GetValue<string>());
        Assert.Contains("did:jwk", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_proof_with_a_did_jwk_kid_is_still_accepted_without_any_fetch()
    {
        var issuer = fixture.Issuer;
        using var wallet = issuer.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
        var holder = wallet.NewKey();
        var did = "did:jwk:" + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(TestWallet.PublicJwk(holder).ToJsonString()));
        var proof = wallet.Proof(holder, await wallet.NonceAsync(), (header, _) =>
        {
            header.Remove("jwk");
            header["kid"] = did + "#0";
        });
        var before = fixture.Requests;

        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { proof } },
        });

        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(before, fixture.Requests);
        var payload = CredentialChecks.DecodePart(body!["credentials"]![0]!["credential"]!.GetValue<string>().Split('.')[1]);
        Assert.Equal(did, payload["credentialSubject"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Counting_host_counts_a_request_so_an_unchanged_count_means_no_fetch()
    {
        using var http = new HttpClient();
        var before = fixture.Requests;
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{fixture.Port}/.well-known/did.json"));
        Assert.Equal(before + 1, fixture.Requests);
    }
}
