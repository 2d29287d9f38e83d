using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.Tests.Attacks;

/// <summary>
/// The key in a <c>did:jwk</c> is JSON chosen by the presenter: text that is not Unicode, a repeated
/// member or loose base64url makes it a malformed DID, a failure and never an exception.
/// </summary>
public sealed class DidJwkDecodingTests
{
    private static string Did(string json) => DidJwk.Prefix + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(json));

    public static TheoryData<string, string> MalformedDids() => new()
    {
        { "escaped lone surrogate", Did("{\"kty\":\"\\udc00\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}") },
        { "escaped lone surrogate in a member name", Did("{\"kty\":\"EC\",\"\\ud800\":1}") },
        { "invalid UTF-8", DidJwk.Prefix + Base64UrlStrict.Encode([.. "{\"kty\":\""u8, 0xC3, 0x28, .. "\"}"u8]) },
        { "repeated member", Did("{\"kty\":\"EC\",\"kty\":\"RSA\"}") },
        { "padded base64url", Did("{\"kty\":\"EC\"}") + "=" },
        { "not an object", Did("[]") },
        { "not JSON", DidJwk.Prefix + "bm90IGpzb24" },
    };

    [Theory]
    [MemberData(nameof(MalformedDids))]
    public void Did_jwk_whose_key_is_not_a_unicode_json_object_is_a_failure_not_an_exception(string kind, string did)
    {
        Assert.False(DidJwk.TryDecode(did + "#0", out _), kind);
        var key = DidJwk.ParsePublicKey(did);
        Assert.False(key.Succeeded, kind);
        Assert.Equal(VerificationFailure.InvalidDid, key.Error.Reason);
    }

    [Fact]
    public void Did_jwk_of_a_public_key_still_decodes()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var did = Did(Jwk.FromPublicKey(ec).ToJsonString());
        Assert.True(DidJwk.TryDecode(did + "#0", out var jwk));
        Assert.Equal("EC", (string?)jwk["kty"]);
        var key = DidJwk.ParsePublicKey(did);
        Assert.True(key.Succeeded);
        key.Value.Dispose();
    }
}
