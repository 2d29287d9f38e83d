using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>
/// EC verification keys verify through OpenSSL's <c>EC_KEY</c> API on Linux (no full key check at
/// import). It must decide every signature exactly as .NET's <see cref="ECDsa"/> does and refuse
/// every key .NET refuses.
/// </summary>
public sealed class NativeEcdsaTests
{
    public static TheoryData<string> Curves => new() { "P-256", "P-384" };

    [Fact]
    public void Native_ecdsa_path_is_in_use_on_linux()
    {
        // The fast path is what the Issuer's /credential figures rely on; a silent fallback would hide.
        Assert.Equal(OperatingSystem.IsLinux(), OpenSslEcdsa.IsAvailable);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Native_and_dotnet_verification_agree_on_valid_tampered_and_out_of_range_signatures(string curve)
    {
        var (ecCurve, size, hash) = Describe(curve);
        var order = Order(curve);
        for (var round = 0; round < 20; round++)
        {
            using var signer = ECDsa.Create(ecCurve);
            var q = signer.ExportParameters(false).Q;
            using var key = VerificationKey.FromECDsa(signer);
            var message = RandomNumberGenerator.GetBytes(1 + round * 13);
            var signature = signer.SignData(message, hash);
            var alg = curve == "P-256" ? JwsAlgorithms.ES256 : JwsAlgorithms.ES384;

            var cases = new List<(string Name, byte[] Message, byte[] Signature)>
            {
                ("valid", message, signature),
                ("flipped bit in r", message, Flip(signature, 0)),
                ("flipped bit in s", message, Flip(signature, size)),
                ("other message", [.. message, 0], signature),
                ("r = 0", message, [.. new byte[size], .. signature[size..]]),
                ("s = 0", message, [.. signature[..size], .. new byte[size]]),
                ("r = n", message, [.. Fixed(order, size), .. signature[size..]]),
                ("s = n", message, [.. signature[..size], .. Fixed(order, size)]),
                ("s = n - s (the other valid s)", message, [.. signature[..size], .. Fixed(order - new BigInteger(signature[size..], isUnsigned: true, isBigEndian: true), size)]),
                ("all ones", message, Enumerable.Repeat((byte)0xFF, 2 * size).ToArray()),
            };
            using var dotnet = ECDsa.Create(new ECParameters { Curve = ecCurve, Q = q });
            using var managedKey = VerificationKey.CreateEc(curve, q.X!, q.Y!, null, null, native: false)!;
            foreach (var (name, input, candidate) in cases)
            {
                var expected = dotnet.VerifyData(input, candidate, hash);
                Assert.True(expected == key.Verify(alg, input, candidate), $"{curve} {name}: .NET says {expected}");
                Assert.True(expected == managedKey.Verify(alg, input, candidate), $"{curve} {name} (fallback path): .NET says {expected}");
            }
            Assert.True(key.Verify(alg, message, signature));
        }
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Point_off_the_curve_is_refused_as_an_invalid_key(string curve)
    {
        var (ecCurve, size, _) = Describe(curve);
        using var signer = ECDsa.Create(ecCurve);
        var q = signer.ExportParameters(false).Q;
        var y = (byte[])q.Y!.Clone();
        y[^1] ^= 1;

        var result = Jwk.ParsePublic(PublicJwk(curve, q.X!, y));

        Assert.False(result.Succeeded);
        Assert.Equal(VerificationFailure.InvalidKey, result.Error!.Reason);
        Assert.ThrowsAny<CryptographicException>(() => VerificationKey.CreateEc(curve, q.X!, y, null, null, native: false));
        Assert.Equal(size, y.Length);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Coordinates_not_below_the_field_prime_are_refused(string curve)
    {
        var (_, size, _) = Describe(curve);
        var ones = Enumerable.Repeat((byte)0xFF, size).ToArray();
        var zeros = new byte[size];

        Assert.Equal(VerificationFailure.InvalidKey, Jwk.ParsePublic(PublicJwk(curve, ones, ones)).Error!.Reason);
        Assert.Equal(VerificationFailure.InvalidKey, Jwk.ParsePublic(PublicJwk(curve, zeros, zeros)).Error!.Reason);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Key_imported_from_a_jwk_gives_back_the_same_jwk_and_dotnet_key(string curve)
    {
        var (ecCurve, _, hash) = Describe(curve);
        using var signer = ECDsa.Create(ecCurve);
        var q = signer.ExportParameters(false).Q;
        var jwk = PublicJwk(curve, q.X!, q.Y!);

        using var key = Jwk.ParsePublic(jwk).Value!;

        Assert.Equal(Jwk.Thumbprint(jwk), key.Thumbprint());
        Assert.True(JsonNode.DeepEquals(jwk, key.ToJwk()));
        var message = "signed by the holder"u8.ToArray();
        Assert.True(key.EcKey!.VerifyData(message, signer.SignData(message, hash), hash));
    }

    private static (ECCurve Curve, int Size, HashAlgorithmName Hash) Describe(string curve) => curve == "P-256"
        ? (ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256)
        : (ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384);

    private static BigInteger Order(string curve) => BigInteger.Parse(
        curve == "P-256"
            ? "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
            : "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        System.Globalization.NumberStyles.HexNumber,
        System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Fixed(BigInteger value, int size)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[size - bytes.Length], .. bytes];
    }

    private static byte[] Flip(byte[] signature, int index)
    {
        var copy = (byte[])signature.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static JsonObject PublicJwk(string curve, byte[] x, byte[] y) => new()
    {
        ["kty"] = "EC",
        ["crv"] = curve,
        ["x"] = System.Buffers.Text.Base64Url.EncodeToString(x),
        ["y"] = System.Buffers.Text.Base64Url.EncodeToString(y),
    };
}
