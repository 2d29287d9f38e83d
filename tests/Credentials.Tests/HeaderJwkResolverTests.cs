using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>
/// The header-jwk resolver imports a key once per distinct jwk (a wallet's DPoP key arrives on every
/// request); the cache must never let a jwk through that the strict parser refuses.
/// </summary>
public sealed class HeaderJwkResolverTests
{
    [Fact]
    public async Task Header_jwk_seen_before_resolves_to_the_key_imported_the_first_time()
    {
        using var holder = SigningKey.CreateEs256();
        var resolver = new HeaderJwkResolver();

        var first = await Jws.VerifyAsync(Proof(holder, holder.PublicKey.ToJwk()), JwsPolicy.Oid4vciProof, resolver, TimeProvider.System);
        var second = await Jws.VerifyAsync(Proof(holder, holder.PublicKey.ToJwk()), JwsPolicy.Oid4vciProof, resolver, TimeProvider.System);

        Assert.True(first.Succeeded, first.Error?.Message);
        Assert.True(second.Succeeded, second.Error?.Message);
        Assert.Same(first.Value.Key.Key, second.Value.Key.Key);
        Assert.Equal(Jwk.Thumbprint(holder.PublicKey.ToJwk()), second.Value.Key.KeyId);
    }

    [Fact]
    public async Task Header_jwk_with_a_private_member_is_rejected_even_when_its_public_key_was_seen_before()
    {
        using var holder = SigningKey.CreateEs256();
        var resolver = new HeaderJwkResolver();
        var accepted = await Jws.VerifyAsync(Proof(holder, holder.PublicKey.ToJwk()), JwsPolicy.Oid4vciProof, resolver, TimeProvider.System);
        Assert.True(accepted.Succeeded, accepted.Error?.Message);

        var withPrivate = holder.PublicKey.ToJwk();
        withPrivate["d"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var refused = await Jws.VerifyAsync(Proof(holder, withPrivate), JwsPolicy.Oid4vciProof, resolver, TimeProvider.System);

        Assert.False(refused.Succeeded);
        Assert.Equal(VerificationFailure.PrivateKeyInJwk, refused.Error!.Reason);
    }

    private static string Proof(SigningKey holder, JsonObject jwk) => Jws.Create(
        new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["jwk"] = jwk },
        new JsonObject { ["aud"] = "https://issuer.example", ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["nonce"] = "c-nonce" },
        holder);
}
