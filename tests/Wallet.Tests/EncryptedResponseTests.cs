using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Wallet.Presentation;

namespace Wallet.Tests;

public sealed class EncryptedResponseTests
{
    [Fact]
    public void Concat_kdf_matches_the_rfc7518_appendix_c_example()
    {
        byte[] z = [158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196];

        var key = GaiaX.Oid4vc.Credentials.Jose.EcdhEsJwe.ConcatKdf(z, "A128GCM", Encoding.ASCII.GetBytes("Alice"), Encoding.ASCII.GetBytes("Bob"), 128);

        Assert.Equal("VqqN6vgjbSBcIijNcacQGg", Base64Url.EncodeToString(key));
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public void Direct_post_jwt_response_decrypts_with_the_verifier_key(string enc)
    {
        using var verifier = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var p = verifier.ExportParameters(false);
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y), ["kid"] = "enc-1" };

        var jwe = EcdhEsEncrypter.Encrypt("""{"vp_token":{"q":["x"]}}"""u8, jwk, enc);

        var parts = jwe.Split('.');
        Assert.Equal(5, parts.Length);
        Assert.Empty(parts[1]);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal("ECDH-ES", (string?)header["alg"]);
        Assert.Equal(enc, (string?)header["enc"]);
        Assert.Equal("enc-1", (string?)header["kid"]);
        Assert.Null(header["epk"]!["d"]);
        using var epk = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars((string)header["epk"]!["x"]!), Y = Base64Url.DecodeFromChars((string)header["epk"]!["y"]!) },
        });
        var cek = GaiaX.Oid4vc.Credentials.Jose.EcdhEsJwe.ConcatKdf(verifier.DeriveRawSecretAgreement(epk.PublicKey), enc, [], [], enc == "A128GCM" ? 128 : 256);
        var ciphertext = Base64Url.DecodeFromChars(parts[3]);
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(cek, 16);
        aes.Decrypt(Base64Url.DecodeFromChars(parts[2]), ciphertext, Base64Url.DecodeFromChars(parts[4]), plaintext, Encoding.ASCII.GetBytes(parts[0]));
        Assert.Equal("""{"vp_token":{"q":["x"]}}""", Encoding.UTF8.GetString(plaintext));
    }

    [Fact]
    public void Encryption_to_a_non_p256_key_is_refused()
    {
        var jwk = new JsonObject { ["kty"] = "RSA", ["n"] = "AQAB", ["e"] = "AQAB" };
        Assert.Throws<GaiaX.Oid4vc.Wallet.WalletProtocolException>(() => EcdhEsEncrypter.Encrypt("{}"u8, jwk));
    }
}
