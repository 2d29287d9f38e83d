using GaiaX.Oid4vc.Credentials.Jose;

namespace GaiaX.Oid4vc.Credentials.SdJwt;

/// <summary>What a verifier expects of an SD-JWT presentation.</summary>
public sealed record SdJwtVerificationOptions
{
    /// <summary>The KB-JWT's <c>nonce</c> must equal this.</summary>
    public string? Nonce { get; init; }

    /// <summary>The KB-JWT's <c>aud</c> must equal this.</summary>
    public string? Audience { get; init; }

    /// <summary>Whether a KB-JWT is required (holder binding). Default: yes.</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>Whether <c>vct</c> is required (SD-JWT VC). Default: yes.</summary>
    public bool RequireVct { get; init; } = true;

    /// <summary>Policy of the issuer-signed JWT; default <see cref="JwsPolicy.SdJwtVc"/>.</summary>
    public JwsPolicy? IssuerPolicy { get; init; }

    /// <summary>Policy of the KB-JWT; default <see cref="JwsPolicy.KeyBinding"/>.</summary>
    public JwsPolicy? KeyBindingPolicy { get; init; }
}
