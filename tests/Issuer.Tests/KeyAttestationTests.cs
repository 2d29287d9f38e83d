using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Issuer.Tests;

/// <summary>An Issuer whose dc+sd-jwt configuration requires keys attested at iso_18045_high by one wallet provider.</summary>
public sealed class KeyAttestationFixture : IAsyncLifetime
{
    public const string Configuration = "LegalPerson_dc_sd_jwt";

    public ECDsa ProviderKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public IssuerFixture Issuer { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Issuer = new IssuerFixture
        {
            ExtraArgs =
            [
                "--Issuer:KeyAttestation:Attesters:0:Jwks=" + ClientAuthenticationFixture.Jwks(ProviderKey, "ka1"),
                $"--Issuer:CredentialConfigurations:{Configuration}:KeyAttestations:KeyStorage:0=iso_18045_high",
                $"--Issuer:CredentialConfigurations:{Configuration}:KeyAttestations:KeyStorage:1=iso_18045_moderate",
            ],
        };
        return Issuer.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Issuer.DisposeAsync();
        ProviderKey.Dispose();
    }
}

/// <summary>
/// Key attestations (OpenID4VCI 1.0 appendix D) over HTTP, sent the way the conformance suite's
/// VCIGenerateKeyAttestationIfNecessary, VCIGenerateJwtProof and VCIGenerateAttestationProof send them.
/// </summary>
public sealed class KeyAttestationTests(KeyAttestationFixture attestation) : IClassFixture<KeyAttestationFixture>
{
    private IssuerFixture Issuer => attestation.Issuer;

    private string Attest(IEnumerable<ECDsa> keys, string? nonce, Action<Dictionary<string, object>>? change = null, ECDsa? signer = null)
    {
        var now = Issuer.Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iat"] = now,
            ["exp"] = now + 300,
            ["attested_keys"] = keys.Select(ClientAuthenticationFixture.PublicJwk).ToArray(),
            ["key_storage"] = new[] { "iso_18045_high" },
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }
        change?.Invoke(claims);
        return ClientAuthenticationFixture.Sign(signer ?? attestation.ProviderKey, "key-attestation+jwt", claims, "ka1");
    }

    private async Task<(TestWallet Wallet, string Token)> TokenAsync()
    {
        var wallet = Issuer.NewWallet();
        return (wallet, await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer(configuration: KeyAttestationFixture.Configuration)));
    }

    private static Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> RequestAsync(TestWallet wallet, string token, object proofs) =>
        wallet.RequestCredentialAsync(token, new { credential_configuration_id = KeyAttestationFixture.Configuration, proofs });

    private async Task<string> JwtProofWithAttestationAsync(TestWallet wallet, ECDsa key, Func<string, string> attest)
    {
        var nonce = await wallet.NonceAsync();
        var keyAttestation = attest(nonce);
        return wallet.Proof(key, nonce, (header, _) => header["key_attestation"] = keyAttestation);
    }

    private static async Task AssertInvalidProofAsync(Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> call, string? mentions = null)
    {
        var (status, body, _) = await call;
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_proof", body!["error"]!.GetValue<string>());
        if (mentions is not null)
        {
            Assert.Contains(mentions, body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metadata_lists_key_attestations_required_and_the_attestation_proof_type()
    {
        var metadata = JsonNode.Parse(await Issuer.Client.GetStringAsync("/.well-known/openid-credential-issuer"))!;
        var proofTypes = metadata["credential_configurations_supported"]![KeyAttestationFixture.Configuration]!["proof_types_supported"]!;

        Assert.Equal(["iso_18045_high", "iso_18045_moderate"], proofTypes["jwt"]!["key_attestations_required"]!["key_storage"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(proofTypes["attestation"]!["key_attestations_required"]);
        Assert.NotEmpty(proofTypes["attestation"]!["proof_signing_alg_values_supported"]!.AsArray());
        // A configuration that does not require attestations says nothing of them (section 12.2.4).
        var other = metadata["credential_configurations_supported"]!["LegalPerson_jwt_vc_json"]!["proof_types_supported"]!;
        Assert.Null(other["jwt"]!["key_attestations_required"]);
        Assert.Null(other["attestation"]);
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_happy_flow_with_a_key_attestation_in_the_jwt_proof()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var key = wallet.NewKey();
            var proof = await JwtProofWithAttestationAsync(wallet, key, nonce => Attest([key], nonce));

            var (status, body, _) = await RequestAsync(wallet, token, new { jwt = new[] { proof } });

            Assert.Equal(HttpStatusCode.OK, status);
            var (_, claims) = await CredentialChecks.VerifySdJwtAsync(Issuer, body!["credentials"]![0]!["credential"]!.GetValue<string>());
            CredentialChecks.AssertBoundTo(claims, key);
        }
    }

    [Fact]
    public async Task The_attestation_proof_type_binds_a_credential_to_each_attested_key()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var keys = new[] { wallet.NewKey(), wallet.NewKey() };

            var (status, body, _) = await RequestAsync(wallet, token, new { attestation = new[] { Attest(keys, await wallet.NonceAsync()) } });

            Assert.Equal(HttpStatusCode.OK, status);
            var credentials = body!["credentials"]!.AsArray();
            Assert.Equal(2, credentials.Count);
            for (var i = 0; i < keys.Length; i++)
            {
                var (_, claims) = await CredentialChecks.VerifySdJwtAsync(Issuer, credentials[i]!["credential"]!.GetValue<string>());
                CredentialChecks.AssertBoundTo(claims, keys[i]);
            }
        }
    }

    [Fact]
    public async Task Oid4vci_1_0_issuer_fail_invalid_key_attestation_signature()
    {
        // VCIInvalidateKeyAttestationSignature: the attestation's signature altered, in a jwt proof and as the attestation proof.
        static string Broken(string jwt)
        {
            var signature = jwt[(jwt.LastIndexOf('.') + 1)..].ToCharArray();
            signature[5] = signature[5] == 'A' ? 'B' : 'A';
            return jwt[..(jwt.LastIndexOf('.') + 1)] + new string(signature);
        }
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var key = wallet.NewKey();
            var proof = await JwtProofWithAttestationAsync(wallet, key, nonce => Broken(Attest([key], nonce)));
            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { jwt = new[] { proof } }), "key attestation");

            await AssertInvalidProofAsync(
                RequestAsync(wallet, token, new { attestation = new[] { Broken(Attest([key], await wallet.NonceAsync())) } }),
                "key attestation"
            );
        }
    }

    [Fact]
    public async Task A_jwt_proof_without_a_key_attestation_is_refused_where_one_is_required()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var proof = wallet.Proof(wallet.NewKey(), await wallet.NonceAsync());

            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { jwt = new[] { proof } }), "key_attestation");
        }
    }

    [Fact]
    public async Task A_proof_signed_by_a_key_the_attestation_does_not_attest_is_refused_with_invalid_proof()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var attested = wallet.NewKey();
            var proof = await JwtProofWithAttestationAsync(wallet, wallet.NewKey(), nonce => Attest([attested], nonce));

            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { jwt = new[] { proof } }), "attests");
        }
    }

    [Fact]
    public async Task An_attestation_below_the_required_key_storage_level_is_refused()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var attestationJwt = Attest([wallet.NewKey()], await wallet.NonceAsync(), c => c["key_storage"] = new[] { "iso_18045_basic" });

            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { attestation = new[] { attestationJwt } }), "key_storage");
        }
    }

    [Fact]
    public async Task An_attestation_signed_by_an_untrusted_provider_is_refused()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var attestationJwt = Attest([wallet.NewKey()], await wallet.NonceAsync(), signer: stranger);

            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { attestation = new[] { attestationJwt } }));
        }
    }

    [Fact]
    public async Task An_expired_attestation_is_refused()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var now = Issuer.Time.GetUtcNow().ToUnixTimeSeconds();
            var attestationJwt = Attest([wallet.NewKey()], await wallet.NonceAsync(), c => (c["iat"], c["exp"]) = (now - 7200, now - 3600));

            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { attestation = new[] { attestationJwt } }));
        }
    }

    [Fact]
    public async Task An_attestation_in_a_jwt_proof_must_carry_exp()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var key = wallet.NewKey();
            var proof = await JwtProofWithAttestationAsync(wallet, key, nonce => Attest([key], nonce, c => c.Remove("exp")));

            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { jwt = new[] { proof } }), "exp");
        }
    }

    [Fact]
    public async Task An_attestation_proof_without_a_c_nonce_is_refused_and_a_replayed_one_is_invalid_nonce()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            await AssertInvalidProofAsync(RequestAsync(wallet, token, new { attestation = new[] { Attest([wallet.NewKey()], null) } }), "nonce");

            var once = Attest([wallet.NewKey()], await wallet.NonceAsync());
            Assert.Equal(HttpStatusCode.OK, (await RequestAsync(wallet, token, new { attestation = new[] { once } })).Status);
            var (status, body, _) = await RequestAsync(wallet, token, new { attestation = new[] { once } });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_nonce", body!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task One_attestation_sent_in_eight_concurrent_requests_is_honoured_once()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var once = Attest([wallet.NewKey()], await wallet.NonceAsync());

            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RequestAsync(wallet, token, new { attestation = new[] { once } })));

            Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("invalid_nonce", a.Body!["error"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task More_than_one_attestation_in_the_attestation_proof_type_is_refused()
    {
        var (wallet, token) = await TokenAsync();
        using (wallet)
        {
            var nonce = await wallet.NonceAsync();
            await AssertInvalidProofAsync(
                RequestAsync(wallet, token, new { attestation = new[] { Attest([wallet.NewKey()], nonce), Attest([wallet.NewKey()], nonce) } }),
                "exactly one"
            );
        }
    }

    [Fact]
    public async Task Required_key_attestations_without_a_trusted_provider_stop_the_issuer()
    {
        var failure = await IssuerFixture.StartFailureAsync(
            $"--Issuer:CredentialConfigurations:{KeyAttestationFixture.Configuration}:KeyAttestations:Required=true"
        );

        Assert.Contains("Issuer:KeyAttestation:Attesters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_attack_potential_level_stops_the_issuer()
    {
        var failure = await IssuerFixture.StartFailureAsync(
            "--Issuer:KeyAttestation:Attesters:0:Jwks=" + ClientAuthenticationFixture.Jwks(attestation.ProviderKey, "ka1"),
            $"--Issuer:CredentialConfigurations:{KeyAttestationFixture.Configuration}:KeyAttestations:KeyStorage:0=hardware"
        );

        Assert.Contains("appendix D.2", failure.Message, StringComparison.Ordinal);
    }
}
