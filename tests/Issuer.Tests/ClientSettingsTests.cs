using System.Net;
using System.Text.Json.Nodes;

namespace Issuer.Tests;

/// <summary>Client registration and wallet provider settings: checked at start, and what requiring authentication means.</summary>
public sealed class ClientSettingsTests
{
    [Fact]
    public async Task A_registered_client_without_a_usable_JWKS_stops_the_Issuer_at_start_naming_the_setting()
    {
        var failure = await IssuerFixture.StartFailureAsync("--Issuer:Clients:0:ClientId=c1", "--Issuer:Clients:0:Jwks={\"keys\":[]}");

        Assert.Contains("Issuer:Clients:0:Jwks", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_provider_without_keys_or_anchors_stops_the_Issuer_at_start_naming_the_setting()
    {
        var failure = await IssuerFixture.StartFailureAsync("--Issuer:ClientAttestation:Attesters:0:Issuer=https://wp.example");

        Assert.Contains("Issuer:ClientAttestation:Attesters:0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_client_authentication_without_a_way_to_authenticate_stops_the_Issuer_at_start()
    {
        var failure = await IssuerFixture.StartFailureAsync("--Issuer:RequireClientAuthentication=true");

        Assert.Contains("Issuer:RequireClientAuthentication", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_client_authentication_refuses_public_clients_and_leaves_none_out_of_the_metadata()
    {
        using var attester = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var fixture = new IssuerFixture
        {
            ExtraArgs =
            [
                "--Issuer:RequireClientAuthentication=true",
                "--Issuer:ClientAttestation:Attesters:0:Issuer=https://wp.example",
                "--Issuer:ClientAttestation:Attesters:0:Jwks=" + ClientAuthenticationFixture.Jwks(attester, "k1"),
            ],
        };
        await fixture.InitializeAsync();
        try
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "public-wallet",
                ["response_type"] = "code",
                ["redirect_uri"] = "https://wallet.example/cb",
                ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                ["code_challenge_method"] = "S256",
                ["scope"] = "gx.LegalPerson",
            });
            using var response = await fixture.Client.PostAsync("/par", content);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var metadata = JsonNode.Parse(await fixture.Client.GetStringAsync("/.well-known/oauth-authorization-server"))!;

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
            Assert.Equal(["attest_jwt_client_auth"], metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Requiring_attestation_challenges_answers_a_proof_without_one_with_use_attestation_challenge_and_a_fresh_one()
    {
        using var attester = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var instance = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var fixture = new IssuerFixture
        {
            ExtraArgs =
            [
                "--Issuer:ClientAttestation:RequireChallenge=true",
                "--Issuer:ClientAttestation:Attesters:0:Issuer=https://wp.example",
                "--Issuer:ClientAttestation:Attesters:0:Jwks=" + ClientAuthenticationFixture.Jwks(attester, "k1"),
            ],
        };
        await fixture.InitializeAsync();
        try
        {
            var now = fixture.Time.GetUtcNow().ToUnixTimeSeconds();
            var attestation = ClientAuthenticationFixture.Sign(attester, "oauth-client-attestation+jwt", new Dictionary<string, object>
            {
                ["iss"] = "https://wp.example",
                ["sub"] = "w1",
                ["exp"] = now + 3600,
                ["cnf"] = new Dictionary<string, object> { ["jwk"] = ClientAuthenticationFixture.PublicJwk(instance) },
            }, "k1");
            string Pop(string? challenge)
            {
                var claims = new Dictionary<string, object> { ["aud"] = fixture.IssuerId, ["iat"] = now, ["jti"] = Guid.NewGuid().ToString("N") };
                if (challenge is not null)
                {
                    claims["challenge"] = challenge;
                }
                return ClientAuthenticationFixture.Sign(instance, "oauth-client-attestation-pop+jwt", claims);
            }
            Duende.IdentityModel.Client.PushedAuthorizationRequest Par(string? challenge)
            {
                var request = ParRequests.For(fixture, "w1");
                request.Headers.Add("OAuth-Client-Attestation", attestation);
                request.Headers.Add("OAuth-Client-Attestation-PoP", Pop(challenge));
                return request;
            }

            var first = await Duende.IdentityModel.Client.HttpClientPushedAuthorizationExtensions.PushAuthorizationAsync(fixture.Client, Par(null));
            Assert.Equal("use_attestation_challenge", first.Error);
            var challenge = first.HttpResponse!.Headers.GetValues("OAuth-Client-Attestation-Challenge").Single();
            var retry = await Duende.IdentityModel.Client.HttpClientPushedAuthorizationExtensions.PushAuthorizationAsync(fixture.Client, Par(challenge));

            Assert.False(retry.IsError, retry.Raw);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
