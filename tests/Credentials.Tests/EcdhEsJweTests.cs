using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.Credentials.Jose;

namespace Credentials.Tests;

/// <summary>ECDH-ES JWE as OpenID4VCI 1.0 section 10 uses it: compression, key identifiers, bounded inflation.</summary>
public sealed class EcdhEsJweTests
{
    private static readonly ECDiffieHellman Recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    private static ECParameters Public => Recipient.ExportParameters(false);

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public void A_deflated_message_decrypts_to_its_plaintext(string enc)
    {
        var plaintext = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"credential\":\"abc\"}", 50)));
        var jwe = EcdhEsJwe.Encrypt(plaintext, Public, enc, kid: "k1", zip: EcdhEsJwe.Deflate, contentType: "json");

        var result = EcdhEsJwe.Decrypt(jwe, Recipient, "k1", maxInflatedLength: 64 * 1024);

        Assert.Equal(plaintext, result.Plaintext);
        Assert.True(jwe.Split('.')[3].Length < plaintext.Length, "compression should shrink repetitive content");
    }

    [Fact]
    public void Compression_is_refused_where_the_recipient_does_not_inflate()
    {
        var jwe = EcdhEsJwe.Encrypt("{}"u8, Public, "A128GCM", zip: EcdhEsJwe.Deflate);

        var result = EcdhEsJwe.Decrypt(jwe, Recipient, null);

        Assert.Equal(JweFailure.UnsupportedParameters, result.Failure);
    }

    [Fact]
    public void Content_that_inflates_past_the_bound_is_refused()
    {
        var jwe = EcdhEsJwe.Encrypt(new byte[1024 * 1024], Public, "A128GCM", zip: EcdhEsJwe.Deflate);

        var result = EcdhEsJwe.Decrypt(jwe, Recipient, null, maxInflatedLength: 64 * 1024);

        Assert.Null(result.Plaintext);
        Assert.Equal(JweFailure.Malformed, result.Failure);
    }

    [Fact]
    public void A_message_for_another_kid_is_refused_as_an_unknown_key()
    {
        var jwe = EcdhEsJwe.Encrypt("{}"u8, Public, "A128GCM", kid: "other");

        Assert.Equal(JweFailure.UnknownKey, EcdhEsJwe.Decrypt(jwe, Recipient, "mine").Failure);
    }

    [Fact]
    public void A_message_encrypted_to_another_key_does_not_decrypt()
    {
        using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var jwe = EcdhEsJwe.Encrypt("{}"u8, other.ExportParameters(false), "A128GCM");

        Assert.Equal(JweFailure.NotDecrypted, EcdhEsJwe.Decrypt(jwe, Recipient, null).Failure);
    }

    [Fact]
    public void A_critical_header_parameter_is_refused()
    {
        var jwe = EcdhEsJwe.Encrypt("{}"u8, Public, "A128GCM");
        var header = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(jwe.Split('.')[0]));
        var tampered = "{\"crit\":[\"p\"],\"p\":1," + header[1..];
        var parts = jwe.Split('.');
        parts[0] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tampered));

        Assert.Equal(JweFailure.UnsupportedParameters, EcdhEsJwe.Decrypt(string.Join('.', parts), Recipient, null).Failure);
    }
}
