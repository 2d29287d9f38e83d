using System.Net;
using System.Net.Http.Json;

namespace Issuer.Tests;

/// <summary>
/// The credential endpoint modules of the OpenID Foundation's oid4vci-1_0-issuer test plan, one test each, named for the
/// module, sending what the module sends and asserting the error its VCIValidateCredentialErrorResponse condition expects
/// (module sources: openid-certification/conformance-suite, src/main/java/net/openid/conformance/vci10issuer/).
/// </summary>
public sealed class ConformanceModuleTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private async Task<(TestWallet Wallet, string AccessToken)> TokenAsync()
    {
        var wallet = fixture.NewWallet();
        return (wallet, await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer()));
    }

    private static async Task AssertCredentialErrorAsync(Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject? Body, HttpResponseMessage Response)> call, string error)
    {
        var (status, body, _) = await call;
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_metadata_test()
    {
        // VCICheckRequiredMetadataFields, VCIEnsureAuthorizationServerIssuerMatchesExpected, and the SD-JWT format name.
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(await fixture.Client.GetStringAsync("/.well-known/openid-credential-issuer"))!;
        var authorizationServer = System.Text.Json.Nodes.JsonNode.Parse(await fixture.Client.GetStringAsync("/.well-known/oauth-authorization-server"))!;

        Assert.Equal(fixture.IssuerId, metadata["credential_issuer"]!.GetValue<string>());
        Assert.Equal(fixture.IssuerId + "/credential", metadata["credential_endpoint"]!.GetValue<string>());
        Assert.NotEmpty(metadata["credential_configurations_supported"]!.AsObject());
        Assert.Equal(fixture.IssuerId, authorizationServer["issuer"]!.GetValue<string>());
        // VCICheckForOldSdJwtFormatInCredentialConfigurations: vc+sd-jwt is the pre-1.0 name.
        Assert.DoesNotContain(metadata["credential_configurations_supported"]!.AsObject(), c => (string?)c.Value!["format"] == "vc+sd-jwt");
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_invalid_nonce()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            // VCIInjectRandomCNonce: a proof over a c_nonce the Issuer never gave.
            await AssertCredentialErrorAsync(wallet.RequestCredentialAsync(token, new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), Guid.NewGuid().ToString("N")) } },
            }), "invalid_nonce");
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_invalid_jwt_proof_signature()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            // VCIInvalidateJwtProofSignature: the proof's signature altered.
            var proof = wallet.Proof(wallet.NewKey(), await wallet.NonceAsync());
            var signature = proof[(proof.LastIndexOf('.') + 1)..].ToCharArray();
            signature[5] = signature[5] == 'A' ? 'B' : 'A';
            var broken = proof[..(proof.LastIndexOf('.') + 1)] + new string(signature);

            await AssertCredentialErrorAsync(wallet.RequestCredentialAsync(token, new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = new[] { broken } },
            }), "invalid_proof");
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_missing_proof()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            await AssertCredentialErrorAsync(wallet.RequestCredentialAsync(token, new { credential_configuration_id = "LegalPerson_jwt_vc_json" }), "invalid_proof");
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_unknown_credential_configuration()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            await AssertCredentialErrorAsync(wallet.RequestCredentialAsync(token, new
            {
                credential_configuration_id = "NoSuchConfiguration",
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
            }), "unknown_credential_configuration");
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_unknown_credential_identifier()
    {
        using var wallet = fixture.NewWallet();
        var created = await fixture.CreateOfferAsync(IssuerFixture.LegalPersonOffer());
        var token = await wallet.RequestPreAuthorizedTokenAsync(TestWallet.PreAuthorizedCode(created["credential_offer"]!.AsObject()),
            created["tx_code"]!.GetValue<string>(), authorizationDetails: """[{"type":"openid_credential","credential_configuration_id":"LegalPerson_jwt_vc_json"}]""");
        Assert.False(token.IsError, token.Raw);

        await AssertCredentialErrorAsync(wallet.RequestCredentialAsync(token.AccessToken!, new
        {
            credential_identifier = "no-such-identifier",
            proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
        }), "unknown_credential_identifier");
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_on_access_token_in_query()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            // DisallowAccessTokenInQuery: the protected resource must not accept the token from the URL (RFC 9700 2.4).
            using var response = await fixture.Client.PostAsJsonAsync("/credential?access_token=" + Uri.EscapeDataString(token), new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = new[] { wallet.Proof(wallet.NewKey(), await wallet.NonceAsync()) } },
            });

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_batch_issuance()
    {
        // VCIPrepareBatchProofKeys: one proof per key up to batch_size; each credential bound to a distinct proof key.
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(await fixture.Client.GetStringAsync("/.well-known/openid-credential-issuer"))!;
        var batchSize = metadata["batch_credential_issuance"]!["batch_size"]!.GetValue<int>();
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var nonce = await wallet.NonceAsync();
            var keys = Enumerable.Range(0, batchSize).Select(_ => wallet.NewKey()).ToArray();

            var (status, body, _) = await wallet.RequestCredentialAsync(token, new
            {
                credential_configuration_id = "LegalPerson_jwt_vc_json",
                proofs = new { jwt = keys.Select(k => wallet.Proof(k, nonce)).ToArray() },
            });

            Assert.Equal(HttpStatusCode.OK, status);
            var credentials = body!["credentials"]!.AsArray();
            Assert.Equal(batchSize, credentials.Count);
            var subjects = new List<string>();
            for (var i = 0; i < credentials.Count; i++)
            {
                var (_, payload) = await CredentialChecks.VerifyVcJwtAsync(fixture, credentials[i]!["credential"]!.GetValue<string>());
                CredentialChecks.AssertBoundTo(payload, keys[i]);
                // The same Credential Dataset in each.
                subjects.Add(payload["vc"]?["credentialSubject"]?["gx:legalName"]?.ToJsonString() ?? payload["credentialSubject"]?["gx:legalName"]?.ToJsonString() ?? "");
            }
            Assert.Contains("Example AG", Assert.Single(subjects.Distinct()), StringComparison.Ordinal);
        }
    }
}
