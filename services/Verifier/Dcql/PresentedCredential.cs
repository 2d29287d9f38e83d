using System.Text.Json;

namespace GaiaX.Oid4vc.Verifier.Dcql;

/// <summary>
/// A credential taken out of a verified presentation, in the shape the DCQL rules look at. For W3C
/// credentials <see cref="Claims"/> is the credential itself (claims paths start at the VC root);
/// for SD-JWT VC it is the payload with the disclosed claims in place.
/// </summary>
public sealed record PresentedCredential
{
    public required string Format { get; init; }

    public required JsonElement Claims { get; init; }

    /// <summary>The W3C <c>type</c> values (not JSON-LD expanded: <c>jwt_vc_json</c> is never JSON-LD processed).</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>The credential in its wire form (VC-JWT, or SD-JWT with the presented disclosures).</summary>
    public string? Raw { get; init; }

    /// <summary>The holder that proved possession (a DID or a JWK thumbprint), when bound.</summary>
    public string? Holder { get; init; }

    /// <summary>The issuer identifier (<c>iss</c> / VCDM <c>issuer</c>).</summary>
    public string? Issuer { get; init; }

    /// <summary>The SD-JWT VC <c>vct</c>.</summary>
    public string? Vct { get; init; }

    /// <summary>True when the presentation carried a verified holder-binding proof (VP-JWT or KB-JWT).</summary>
    public bool HolderBound { get; init; }

    /// <summary>Base64url key identifiers of the authorities (AKI) in the credential's certificate chain.</summary>
    public IReadOnlyList<string> AuthorityKeyIdentifiers { get; init; } = [];
}
