using System.Security.Cryptography;
using System.Text;
using GaiaX.Oid4vc.ServiceDefaults.Webhooks;

namespace ServiceDefaults.Tests;

/// <summary>
/// The webhook signer's building blocks checked against the examples of the standards themselves, not
/// against our own signer: RFC 9530's Content-Digest example and RFC 9421 Appendix B.2.4 (a response signed
/// with ecdsa-p256-sha256 by the RFC's test key B.1.3). ECDSA signatures are randomised, so the RFC's own
/// signature is verified over the base our code builds, rather than compared with one we make.
/// </summary>
public sealed class HttpMessageSignatureVectorTests
{
    // RFC 9421 Appendix B.1.3, test-key-ecc-p256, public half.
    private const string RfcP256PublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lf" + "w0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==";

    // RFC 9421 Appendix B.2.4: the signature base and the signature labelled sig-b24.
    private const string RfcB24Base =
        "\"@status\": 200\n"
        + "\"content-type\": application/json\n"
        + "\"content-digest\": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:\n"
        + "\"content-length\": 23\n"
        + "\"@signature-params\": (\"@status\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473"
        + ";keyid=\"test-key-ecc-p256\"";

    private const string RfcB24Signature = "wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==";

    private static string B24Base() =>
        HttpMessageSignature.SignatureBase(
            [
                ("@status", "200"),
                ("content-type", "application/json"),
                ("content-digest", "sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:"),
                ("content-length", "23"),
            ],
            HttpMessageSignature.Parameters(
                ["@status", "content-type", "content-digest", "content-length"],
                DateTimeOffset.FromUnixTimeSeconds(1618884473),
                "test-key-ecc-p256",
                algorithm: null
            )
        );

    private static ECDsa RfcKey()
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(RfcP256PublicKey), out _);
        return key;
    }

    [Fact]
    public void Content_digest_matches_the_rfc_9530_example()
    {
        Assert.Equal(
            "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
            HttpMessageSignature.ContentDigest("{\"hello\": \"world\"}"u8)
        );
    }

    [Fact]
    public void Signature_base_is_built_exactly_as_rfc_9421_appendix_b_2_4_shows_it()
    {
        Assert.Equal(RfcB24Base, B24Base());
    }

    [Fact]
    public void Rfc_9421_b_2_4_signature_verifies_over_our_base_as_raw_r_and_s()
    {
        using var key = RfcKey();

        Assert.True(
            key.VerifyData(
                Encoding.ASCII.GetBytes(B24Base()),
                Convert.FromBase64String(RfcB24Signature),
                HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation
            )
        );
    }

    [Fact]
    public void Rfc_9421_b_2_4_signature_does_not_verify_once_a_covered_value_changes()
    {
        using var key = RfcKey();
        var altered = B24Base().Replace("\"@status\": 200", "\"@status\": 201", StringComparison.Ordinal);

        Assert.False(
            key.VerifyData(
                Encoding.ASCII.GetBytes(altered),
                Convert.FromBase64String(RfcB24Signature),
                HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation
            )
        );
    }
}
