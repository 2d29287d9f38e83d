using System.Text.Json;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Wallet;
using GaiaX.Oid4vc.Wallet.Issuance;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Tests;

public sealed class ProofJwtTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Proof_jwt_has_openid4vci_typ_a_public_jwk_and_verifies_with_it()
    {
        using var key = HolderKey.Create();
        var proof = ProofJwt.Create(key, "https://issuer.example", "n-1", null, _time.GetUtcNow());

        var verified = await Jws.VerifyAsync(proof, JwsPolicy.Oid4vciProof, new HeaderJwkResolver(), _time);

        Assert.True(verified.Succeeded, verified.Succeeded ? null : verified.Error.ToString());
        var header = verified.Value.Jws.Header;
        Assert.Equal("openid4vci-proof+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.False(header.TryGetProperty("kid", out _));
        Assert.False(header.GetProperty("jwk").TryGetProperty("d", out _));
    }

    [Fact]
    public void Proof_jwt_aud_is_the_credential_issuer_and_nonce_is_the_c_nonce()
    {
        using var key = HolderKey.Create();
        var proof = ProofJwt.Create(key, "https://issuer.example/tenant", "c-nonce-7", null, _time.GetUtcNow());

        var payload = Payload(proof);
        Assert.Equal("https://issuer.example/tenant", payload.GetProperty("aud").GetString());
        Assert.Equal("c-nonce-7", payload.GetProperty("nonce").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public void Proof_jwt_of_an_anonymous_pre_authorized_wallet_has_no_iss()
    {
        using var key = HolderKey.Create();
        Assert.False(Payload(ProofJwt.Create(key, "https://issuer.example", "n", null, _time.GetUtcNow())).TryGetProperty("iss", out _));
        Assert.Equal("wallet-1", Payload(ProofJwt.Create(key, "https://issuer.example", "n", "wallet-1", _time.GetUtcNow())).GetProperty("iss").GetString());
    }

    [Fact]
    public void Proof_jwt_with_a_did_key_names_the_kid_and_carries_no_jwk()
    {
        using var key = HolderKey.FromECDsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "did:web:holder.example#k1");
        var proof = ProofJwt.Create(key, "https://issuer.example", "n", null, _time.GetUtcNow(), useKeyId: true);

        var parsed = Jws.Parse(proof, JwsPolicy.Oid4vciProof);
        Assert.True(parsed.Succeeded);
        Assert.Equal("did:web:holder.example#k1", parsed.Value.KeyId);
        Assert.False(parsed.Value.Header.TryGetProperty("jwk", out _));
    }

    [Fact]
    public void Proof_jwt_with_a_jwk_carries_no_kid_even_when_the_key_has_one()
    {
        using var key = HolderKey.FromECDsa(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256), "did:web:holder.example#k1");
        var parsed = Jws.Parse(ProofJwt.Create(key, "https://issuer.example", "n", null, _time.GetUtcNow()), JwsPolicy.Oid4vciProof);

        Assert.True(parsed.Succeeded);
        Assert.Null(parsed.Value.KeyId);
    }

    [Fact]
    public void Pkce_challenge_is_the_base64url_sha256_of_the_verifier()
    {
        // RFC 7636 Appendix B.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        var pkce = Pkce.Create();
        Assert.Equal(43, pkce.Verifier.Length);
        Assert.NotEqual(pkce.Verifier, Pkce.Create().Verifier);
    }

    private static JsonElement Payload(string jwt)
    {
        var parsed = Jws.Parse(jwt, JwsPolicy.Oid4vciProof);
        Assert.True(parsed.Succeeded);
        return parsed.Value.Payload;
    }
}
