using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier.Requests;
using GaiaX.Oid4vc.Verifier.Responses;
using Verifier.Tests.Support;

namespace Verifier.Tests.Responses;

public sealed class EcdhEsJweDecryptorTests
{
    // RFC 7518 Appendix C: Bob's static key, Alice's ephemeral key, apu "Alice", apv "Bob", A128GCM.
    private static readonly EphemeralEncryptionKey Bob = new("bob", "weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ", "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck", "VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw");
    private const string AliceX = "gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0";
    private const string AliceY = "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps";
    private const string AliceD = "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo";

    [Fact]
    public void Concat_kdf_derives_the_rfc_7518_appendix_c_key()
    {
        using var alice = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(AliceX), Y = Base64Url.DecodeFromChars(AliceY) },
            D = Base64Url.DecodeFromChars(AliceD),
        });
        using var bob = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(Bob.X), Y = Base64Url.DecodeFromChars(Bob.Y) },
        });
        var z = alice.DeriveRawSecretAgreement(bob.PublicKey);
        Assert.Equal(
            new byte[] { 158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196 },
            z);
        var key = GaiaX.Oid4vc.Credentials.Jose.EcdhEsJwe.ConcatKdf(z, "A128GCM", "Alice"u8, "Bob"u8, 128);
        Assert.Equal("VqqN6vgjbSBcIijNcacQGg", Base64Url.EncodeToString(key));
    }

    [Fact]
    public void Jwe_built_with_the_rfc_7518_appendix_c_agreement_decrypts()
    {
        // Encrypt with the CEK the RFC derives, as a sender holding Alice's ephemeral key would.
        var header = new JsonObject
        {
            ["alg"] = "ECDH-ES",
            ["enc"] = "A128GCM",
            ["apu"] = "QWxpY2U",
            ["apv"] = "Qm9i",
            ["epk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = AliceX, ["y"] = AliceY },
        };
        var jwe = Seal(header, Base64Url.DecodeFromChars("VqqN6vgjbSBcIijNcacQGg"), """{"vp_token":{"a":["b"]}}""");
        var result = EcdhEsJweDecryptor.Decrypt(jwe, Bob);
        Assert.Null(result.Error);
        Assert.Equal("""{"vp_token":{"a":["b"]}}""", Encoding.UTF8.GetString(result.Plaintext!));
    }

    [Fact]
    public void Encrypted_authorization_response_example_of_openid4vp_section_8_3_decrypts_with_its_key()
    {
        // The example response of OpenID4VP 1.0 §8.3 and the private key the specification gives for it.
        var key = new EphemeralEncryptionKey("ac", "YO4epjifD-KWeq1sL2tNmm36BhXnkJ0He-WqMYrp9Fk", "Hekpm0zfK7C-YccH5iBjcIXgf6YdUvNUac_0At55Okk", "Et-3ce0omz8_TuZ96Df9lp0GAaaDoUnDe6X-CRO7Aww");
        const string jwe = "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTEyOEdDTSIsImtpZCI6ImFjIiwiZXBrIjp7Imt0eSI6IkVDIiwieCI6Im5ubVZwbTNWM2piaGNhZlFhUkJrU1ZOSGx3Wkh3dC05ck9wSnVmeVlJdWsiLCJ5IjoicjRmakRxd0p5czlxVU9QLV9iM21SNVNaRy0tQ3dPMm1pYzVWU05UWU45ZyIsImNydiI6IlAtMjU2In19..uAYcHRUSSn2X0WPX.yVzlGSYG4qbg0bq18JcUiDRw56yVnbKR8E7S7YlEtzT00RqE3Pw5oTpUG3hdLN4taHZ9gC1kwak8JOnJgQ.1wR024_3-qtAlx1oFIUpQQ";
        var result = EcdhEsJweDecryptor.Decrypt(jwe, key);
        Assert.Null(result.Error);
        var payload = JsonNode.Parse(result.Plaintext)!;
        Assert.NotNull(payload["vp_token"]!["example_credential_id"]);
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public void Response_encrypted_to_the_request_key_round_trips(string enc)
    {
        var key = RequestObjectGenerator.NewEncryptionKey();
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = key.X, ["y"] = key.Y, ["kid"] = key.Kid };
        var result = EcdhEsJweDecryptor.Decrypt(TestWallet.Encrypt("{\"state\":\"s\"}", jwk, enc), key);
        Assert.Equal("{\"state\":\"s\"}", Encoding.UTF8.GetString(result.Plaintext!));
    }

    [Fact]
    public void Jwe_with_a_modified_ciphertext_fails_authentication()
    {
        var key = RequestObjectGenerator.NewEncryptionKey();
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = key.X, ["y"] = key.Y };
        var parts = TestWallet.Encrypt("{\"state\":\"s\"}", jwk, "A128GCM").Split('.');
        var ciphertext = Base64Url.DecodeFromChars(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Base64Url.EncodeToString(ciphertext);
        Assert.NotNull(EcdhEsJweDecryptor.Decrypt(string.Join('.', parts), key).Error);
    }

    [Theory]
    [InlineData("ECDH-ES+A128KW", "A128GCM")]
    [InlineData("RSA-OAEP", "A128GCM")]
    [InlineData("ECDH-ES", "A128CBC-HS256")]
    [InlineData("dir", "A128GCM")]
    public void Jwe_with_an_algorithm_outside_the_allow_list_is_refused(string alg, string enc)
    {
        var header = new JsonObject
        {
            ["alg"] = alg,
            ["enc"] = enc,
            ["epk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = AliceX, ["y"] = AliceY },
        };
        var jwe = Seal(header, new byte[16], "{}");
        Assert.NotNull(EcdhEsJweDecryptor.Decrypt(jwe, Bob).Error);
    }

    [Fact]
    public void Epk_that_is_not_on_the_curve_is_refused()
    {
        var header = new JsonObject
        {
            ["alg"] = "ECDH-ES",
            ["enc"] = "A128GCM",
            ["epk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = AliceX, ["y"] = Bob.Y },
        };
        var result = EcdhEsJweDecryptor.Decrypt(Seal(header, new byte[16], "{}"), Bob);
        Assert.Contains("epk", result.Error);
    }

    private static string Seal(JsonObject header, byte[] cek, string plaintext)
    {
        var protectedHeader = Jose.B64(header.ToJsonString());
        var iv = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(cek, 16);
        aes.Encrypt(iv, data, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        return $"{protectedHeader}..{Jose.B64(iv)}.{Jose.B64(ciphertext)}.{Jose.B64(tag)}";
    }
}
