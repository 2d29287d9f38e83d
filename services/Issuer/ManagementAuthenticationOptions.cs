using System.ComponentModel.DataAnnotations;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Issuer;

/// <summary>
/// Bearer-token validation of the management API: either an OpenID Connect <see cref="Authority"/>
/// whose keys are discovered, a fixed public <see cref="SigningKeyJwk"/>, or (development only)
/// a key generated at start with which <c>DevelopmentTokens</c> mints tokens.
/// </summary>
public sealed class ManagementAuthenticationOptions
{
    [AbsoluteHttpUrl]
    public string? Authority { get; set; }

    /// <summary>The public JWK (JSON) of the token signer, when there is no authority.</summary>
    public string? SigningKeyJwk { get; set; }

    /// <summary>The issuer (<c>iss</c>) expected in tokens signed by <see cref="SigningKeyJwk"/>.</summary>
    public string? TokenIssuer { get; set; }

    /// <summary>The audience (<c>aud</c>) management tokens must carry.</summary>
    [Required]
    public string Audience { get; set; } = "gaiax-issuer-management";

    /// <summary>Generate a signing key at start and let the host mint tokens (DevHost, tests).</summary>
    public bool UseDevelopmentTokens { get; set; }
}
