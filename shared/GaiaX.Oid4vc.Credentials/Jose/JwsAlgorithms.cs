namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>The JWS algorithm identifiers this library knows (RFC 7518).</summary>
public static class JwsAlgorithms
{
    public const string ES256 = "ES256";
    public const string ES384 = "ES384";
    public const string PS256 = "PS256";
    public const string RS256 = "RS256";

    /// <summary>What we sign with: ES256 (the default) and ES384.</summary>
    public static IReadOnlySet<string> Signing { get; } = new HashSet<string>(StringComparer.Ordinal) { ES256, ES384 };

    /// <summary>What we accept by default: ES256, ES384, and the RSA algorithms Gaia-X participants use.</summary>
    public static IReadOnlySet<string> Verification { get; } = new HashSet<string>(StringComparer.Ordinal) { ES256, ES384, PS256, RS256 };

    /// <summary>The curve name an ECDSA algorithm requires, or null for a non-ECDSA algorithm.</summary>
    public static string? CurveOf(string alg) =>
        alg switch
        {
            ES256 => "P-256",
            ES384 => "P-384",
            _ => null,
        };

    public static bool IsRsa(string alg) => alg is PS256 or RS256;
}
