using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>JSON Web Keys (RFC 7517/7518): strict public-key parsing, export and RFC 7638 thumbprints.</summary>
public static class Jwk
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    /// <summary>
    /// Imports a public JWK. Refuses private members (a holder or issuer must never send its private
    /// key), symmetric keys, unknown curves, short RSA keys and coordinates of the wrong length.
    /// </summary>
    public static VerificationResult<VerificationKey> ParsePublic(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        foreach (var member in PrivateMembers)
        {
            if (jwk.ContainsKey(member))
            {
                return member == "k"
                    ? VerificationResult<VerificationKey>.Fail(VerificationFailure.InvalidKey, "Symmetric (oct) keys are not accepted.")
                    : VerificationResult<VerificationKey>.Fail(
                        VerificationFailure.PrivateKeyInJwk,
                        $"The JWK carries the private member '{member}'."
                    );
            }
        }
        var kty = String(jwk, "kty");
        var alg = String(jwk, "alg");
        var kid = String(jwk, "kid");
        if (alg is not null && !JwsAlgorithms.Verification.Contains(alg))
        {
            return VerificationResult<VerificationKey>.Fail(
                VerificationFailure.AlgorithmNotAllowed,
                $"The JWK's alg '{alg}' is not accepted."
            );
        }
        try
        {
            switch (kty)
            {
                case "EC":
                {
                    var crv = String(jwk, "crv");
                    var size = crv switch
                    {
                        "P-256" => 32,
                        "P-384" => 48,
                        _ => 0,
                    };
                    if (size == 0)
                    {
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.InvalidKey,
                            $"The EC curve '{crv}' is not supported."
                        );
                    }
                    if (!Coordinate(jwk, "x", size, out var x) || !Coordinate(jwk, "y", size, out var y))
                    {
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.InvalidKey,
                            $"The JWK's x and y must be base64url {size}-byte coordinates."
                        );
                    }
                    var key = VerificationKey.CreateEc(crv!, x, y, alg, kid);
                    if (key is null)
                    {
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.InvalidKey,
                            "The JWK is not a valid public key: the point is not on the curve."
                        );
                    }
                    if (alg is not null && !key.IsCompatibleWith(alg))
                    {
                        key.Dispose();
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.KeyAlgorithmMismatch,
                            $"The JWK's alg '{alg}' does not fit an EC {crv} key."
                        );
                    }
                    return VerificationResult<VerificationKey>.Success(key);
                }
                case "RSA":
                {
                    if (
                        !Base64UrlStrict.TryDecode(String(jwk, "n"), out var n)
                        || !Base64UrlStrict.TryDecode(String(jwk, "e"), out var e)
                        || n.Length == 0
                        || e.Length == 0
                    )
                    {
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.InvalidKey,
                            "The RSA JWK's n and e must be base64url."
                        );
                    }
                    var rsa = RSA.Create(new RSAParameters { Modulus = n, Exponent = e });
                    if (rsa.KeySize < 2048)
                    {
                        rsa.Dispose();
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.InvalidKey,
                            "RSA keys shorter than 2048 bits are not accepted."
                        );
                    }
                    var key = VerificationKey.CreateRsa(rsa, alg, kid);
                    if (alg is not null && !key.IsCompatibleWith(alg))
                    {
                        key.Dispose();
                        return VerificationResult<VerificationKey>.Fail(
                            VerificationFailure.KeyAlgorithmMismatch,
                            $"The JWK's alg '{alg}' does not fit an RSA key."
                        );
                    }
                    return VerificationResult<VerificationKey>.Success(key);
                }
                default:
                    return VerificationResult<VerificationKey>.Fail(
                        VerificationFailure.InvalidKey,
                        $"The key type '{kty}' is not supported."
                    );
            }
        }
        catch (CryptographicException ex)
        {
            // A point not on the curve, or a modulus the platform refuses.
            return VerificationResult<VerificationKey>.Fail(
                VerificationFailure.InvalidKey,
                "The JWK is not a valid public key: " + ex.Message
            );
        }
    }

    /// <summary>The public JWK of an EC key (kty, crv, x, y).</summary>
    public static JsonObject FromPublicKey(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.ExportParameters(false);
        return FromPublicPoint(CurveName(p.Curve), p.Q.X, p.Q.Y);
    }

    /// <summary>The public JWK of an EC point given by its curve name and coordinates.</summary>
    internal static JsonObject FromPublicPoint(string? curve, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) =>
        new()
        {
            ["kty"] = "EC",
            ["crv"] = curve,
            ["x"] = Base64UrlStrict.Encode(x),
            ["y"] = Base64UrlStrict.Encode(y),
        };

    /// <summary>The public JWK of an RSA key (kty, n, e).</summary>
    public static JsonObject FromPublicKey(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = Base64UrlStrict.Encode(p.Modulus),
            ["e"] = Base64UrlStrict.Encode(p.Exponent),
        };
    }

    /// <summary>
    /// The RFC 7638 JWK thumbprint (SHA-256, base64url): the required members in lexicographic
    /// order, no whitespace.
    /// </summary>
    public static string Thumbprint(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var kty = String(jwk, "kty");
        string canonical = kty switch
        {
            "EC" => $"{{\"crv\":{Quote(jwk, "crv")},\"kty\":\"EC\",\"x\":{Quote(jwk, "x")},\"y\":{Quote(jwk, "y")}}}",
            "RSA" => $"{{\"e\":{Quote(jwk, "e")},\"kty\":\"RSA\",\"n\":{Quote(jwk, "n")}}}",
            "OKP" => $"{{\"crv\":{Quote(jwk, "crv")},\"kty\":\"OKP\",\"x\":{Quote(jwk, "x")}}}",
            _ => throw new ArgumentException($"Cannot compute a thumbprint for key type '{kty}'.", nameof(jwk)),
        };
        return Base64UrlStrict.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The .NET curve of a JOSE curve name this library verifies with (P-256, P-384).</summary>
    internal static ECCurve NamedCurve(string curve) =>
        curve switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            _ => throw new CryptographicException($"The EC curve '{curve}' is not supported."),
        };

    /// <summary>The JOSE curve name of a .NET curve (P-256, P-384, P-521).</summary>
    public static string? CurveName(ECCurve curve) =>
        curve.Oid?.Value switch
        {
            "1.2.840.10045.3.1.7" => "P-256",
            "1.3.132.0.34" => "P-384",
            "1.3.132.0.35" => "P-521",
            _ => curve.Oid?.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" => "P-256",
                "nistP384" or "ECDSA_P384" => "P-384",
                _ => null,
            },
        };

    private static string Quote(JsonObject jwk, string name) =>
        System.Text.Json.JsonSerializer.Serialize(
            String(jwk, name) ?? throw new ArgumentException($"The JWK lacks '{name}'.", nameof(jwk)),
            CredentialsJsonContext.Default.String
        );

    internal static string? String(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static bool Coordinate(JsonObject jwk, string name, int size, out byte[] bytes)
    {
        var text = String(jwk, name);
        return Base64UrlStrict.TryDecode(text, out bytes) && text is not null && bytes.Length == size;
    }
}
