using System.Net;
using System.Text;

namespace Issuer.Tests.Attacks;

/// <summary>
/// A <c>did:jwk</c> carries its key as base64url JSON chosen by the wallet. JSON whose strings are not
/// Unicode text (an escaped lone surrogate) parses, then throws when read: such a DID is a malformed
/// key identifier and is refused as <c>invalid_proof</c>, never answered with a 500.
/// </summary>
public sealed class DidJwkTextTests(IssuerFixture issuer) : IClassFixture<IssuerFixture>
{
    [Theory]
    [InlineData("{\"kty\":\"\\udc00\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}")]
    [InlineData("{\"kty\":\"EC\",\"crv\":\"P-256\",\"\\ud800\":\"AA\",\"x\":\"AA\",\"y\":\"AA\"}")]
    [InlineData("{\"kty\":\"EC\",\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}")]
    public async Task Key_proof_with_a_did_jwk_whose_json_is_not_text_is_refused_with_invalid_proof(string jwkJson)
    {
        using var wallet = issuer.NewWallet();
        var accessToken = await wallet.PreAuthorizedAccessTokenAsync(IssuerFixture.LegalPersonOffer());
        var holder = wallet.NewKey();
        var did = "did:jwk:" + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(jwkJson));
        var proof = wallet.Proof(holder, await wallet.NonceAsync(), (header, _) =>
        {
            header.Remove("jwk");
            header["kid"] = did + "#0";
        });

        var (status, body, _) = await wallet.RequestCredentialAsync(accessToken, new
        {
            credential_configuration_id = "LegalPerson_jwt_vc_json",
            proofs = new { jwt = new[] { proof } },
        });

        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body?.ToJsonString()}");
        Assert.Equal("invalid_proof", body!["error"]!.GetValue<string>());
    }
}
