namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>
/// <c>key_attestations_required</c> of one credential configuration (OpenID4VCI 1.0 appendix D): the holder keys must come
/// attested by a trusted wallet provider (<c>Issuer:KeyAttestation:Attesters</c>), with at least one of the accepted
/// attack-potential-resistance values for each list that is not empty (<c>iso_18045_high</c>, <c>iso_18045_moderate</c>,
/// <c>iso_18045_enhanced-basic</c>, <c>iso_18045_basic</c>).
/// </summary>
public sealed class KeyAttestationRequirementOptions
{
    /// <summary>Require an attestation even without constraints on storage or user authentication.</summary>
    public bool Required { get; set; }

    /// <summary>Accepted <c>key_storage</c> values; empty for any.</summary>
    public List<string> KeyStorage { get; set; } = [];

    /// <summary>Accepted <c>user_authentication</c> values; empty for any.</summary>
    public List<string> UserAuthentication { get; set; } = [];

    /// <summary>Whether keys must be attested: <see cref="Required"/> or a constraint set.</summary>
    public bool Active => Required || KeyStorage.Count > 0 || UserAuthentication.Count > 0;

    /// <summary>The values appendix D.2 defines.</summary>
    public static IReadOnlySet<string> KnownLevels { get; } =
        new HashSet<string>(
            ["iso_18045_high", "iso_18045_moderate", "iso_18045_enhanced-basic", "iso_18045_basic"],
            StringComparer.Ordinal
        );
}
