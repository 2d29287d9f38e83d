using System.ComponentModel.DataAnnotations;

namespace GaiaX.Oid4vc.ServiceDefaults;

/// <summary>
/// Who may call a service's management API (<c>Issuer:Management</c>, <c>Verifier:Management</c>):
/// bearer JWTs from an OpenID Connect <see cref="Authority"/> (keys discovered), or signed by
/// <see cref="SigningKeyJwk"/> (one public JWK) or one of <see cref="SigningKeysJwks"/> (a JWKS, for
/// key rotation), or (development only) by a key generated at start with which
/// <see cref="DevelopmentTokens"/> mints tokens; always for <see cref="Audience"/>. With none of
/// them every management call is refused.
/// </summary>
public sealed class ManagementApiOptions
{
    [AbsoluteHttpUrl]
    public string? Authority { get; set; }

    /// <summary>
    /// Whether the authority's metadata must come over https. Unset, it follows the authority's own
    /// scheme (an http authority is a development setup).
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>The public JWK (JSON) of the token signer.</summary>
    public string? SigningKeyJwk { get; set; }

    /// <summary>A JWKS (JSON) with the public keys that sign management tokens.</summary>
    public string? SigningKeysJwks { get; set; }

    /// <summary>The issuer (<c>iss</c>) expected in tokens signed by a configured key; checked when set.</summary>
    public string? TokenIssuer { get; set; }

    /// <summary>The audience (<c>aud</c>) management tokens must carry.</summary>
    [Required]
    public string Audience { get; set; } = string.Empty;

    /// <summary>Generate a signing key at start and let the host mint tokens (DevHost, tests).</summary>
    public bool UseDevelopmentTokens { get; set; }

    internal bool HasConfiguredKeys => !string.IsNullOrWhiteSpace(SigningKeyJwk) || !string.IsNullOrWhiteSpace(SigningKeysJwks);
}
