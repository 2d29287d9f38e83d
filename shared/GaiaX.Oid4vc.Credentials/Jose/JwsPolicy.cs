namespace GaiaX.Oid4vc.Credentials.Jose;

/// <summary>
/// What one use of JWS accepts: the algorithm allow-list, the <c>typ</c> values, the <c>cty</c>,
/// the understood <c>crit</c> extensions, size and time rules. One policy per use keeps a token
/// made for one purpose (a proof, a KB-JWT) from being accepted for another.
/// </summary>
public sealed record JwsPolicy
{
    /// <summary>Default upper bound of a compact token's length in characters.</summary>
    public const int DefaultMaxTokenLength = 256 * 1024;

    /// <summary>Algorithms accepted for verification. <c>none</c> and HMAC are refused whatever this says.</summary>
    public IReadOnlySet<string> AllowedAlgorithms { get; init; } = JwsAlgorithms.Verification;

    /// <summary>Accepted <c>typ</c> values (compared case-insensitively, an <c>application/</c> prefix ignored). Empty: <c>typ</c> not
    /// checked.</summary>
    public IReadOnlySet<string> AllowedTypes { get; init; } = new HashSet<string>();

    /// <summary>When not empty, <c>cty</c> must be absent or one of these (case-insensitive).</summary>
    public IReadOnlySet<string> AllowedContentTypes { get; init; } = new HashSet<string>();

    /// <summary>When true, <c>cty</c> must be present (and one of <see cref="AllowedContentTypes"/>).</summary>
    public bool RequireContentType { get; init; }

    /// <summary>Header parameters this use understands in <c>crit</c>; any other name is refused.</summary>
    public IReadOnlySet<string> UnderstoodCritical { get; init; } = new HashSet<string>();

    public int MaxTokenLength { get; init; } = DefaultMaxTokenLength;

    /// <summary>Tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c> against the verifier's clock.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    public bool RequireExpiration { get; init; }

    public bool RequireIssuedAt { get; init; }

    /// <summary>When set, <c>iat</c> older than this (plus skew) is refused (freshness of proofs and KB-JWTs).</summary>
    public TimeSpan? MaxAge { get; init; }

    public bool RequireKeyId { get; init; }

    /// <summary>Accepted <c>typ</c> values for VC-JWT: <c>vc+jwt</c> (emitted) and the older Gaia-X forms.</summary>
    public static JwsPolicy VcJwt { get; } =
        new()
        {
            AllowedTypes = Set(MediaTypes.VcJwt, "vc+ld+jwt", "vc+ld+json+jwt"),
            AllowedContentTypes = Set(MediaTypes.VcContent, "vc+ld+json", "application/vc", "application/vc+ld+json"),
            RequireKeyId = true,
        };

    public static JwsPolicy VpJwt { get; } =
        new()
        {
            AllowedTypes = Set(MediaTypes.VpJwt, "vp+ld+jwt", "vp+ld+json+jwt"),
            AllowedContentTypes = Set(MediaTypes.VpContent, "vp+ld+json", "application/vp", "application/vp+ld+json"),
            RequireKeyId = true,
        };

    public static JwsPolicy SdJwtVc { get; } =
        new()
        {
            // vc+sd-jwt is the pre-2025 name of the SD-JWT VC type; wallets in the field still send it.
            AllowedTypes = Set(MediaTypes.SdJwtVc, "vc+sd-jwt"),
        };

    public static JwsPolicy KeyBinding { get; } =
        new()
        {
            AllowedTypes = Set(MediaTypes.KbJwt),
            RequireIssuedAt = true,
            MaxAge = TimeSpan.FromMinutes(5),
        };

    /// <summary>OID4VCI proof JWTs (<c>openid4vci-proof+jwt</c>), fresh <c>iat</c> required.</summary>
    public static JwsPolicy Oid4vciProof { get; } =
        new()
        {
            AllowedTypes = Set(MediaTypes.Oid4vciProof),
            RequireIssuedAt = true,
            MaxAge = TimeSpan.FromMinutes(5),
        };

    internal static HashSet<string> Set(params string[] values) => new(values, StringComparer.OrdinalIgnoreCase);
}
