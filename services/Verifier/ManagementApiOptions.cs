using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;

namespace GaiaX.Oid4vc.Verifier;

/// <summary>
/// Bearer tokens for the management API (the same keys as the Issuer's <c>Issuer:Management</c>):
/// JWTs from <see cref="Authority"/> (OpenID Connect discovery), or signed by
/// <see cref="SigningKeyJwk"/> (one public JWK) or one of <see cref="SigningKeysJwks"/> (a JWKS),
/// for <see cref="Audience"/>. Without any of them every management call is refused.
/// </summary>
public sealed class ManagementApiOptions
{
    public const string WriteScope = "verifier.requests.write";
    public const string ReadScope = "verifier.requests.read";

    [AbsoluteHttpUrl]
    public string? Authority { get; set; }

    /// <summary>The public JWK (JSON) of the token signer, when there is no authority.</summary>
    public string? SigningKeyJwk { get; set; }

    /// <summary>A JWKS (JSON) with the keys that sign management tokens (key rotation), when there is no authority.</summary>
    public string? SigningKeysJwks { get; set; }

    /// <summary>The expected token issuer (<c>iss</c>); checked when set.</summary>
    public string? TokenIssuer { get; set; }

    [Required]
    public string Audience { get; set; } = "gaiax-verifier";

    public bool RequireHttpsMetadata { get; set; } = true;
}
