namespace GaiaX.Oid4vc.Issuer;

/// <summary>A claims description (OpenID4VCI 1.0 appendix B.2) and how offers are checked against it.</summary>
public sealed class ClaimDefinitionOptions
{
    /// <summary>
    /// The claim's path in the offer's claims, e.g. <c>["gx:legalAddress", "gx:countryCode"]</c>: for
    /// <c>jwt_vc_json</c> inside <c>credentialSubject</c> (metadata publishes it with that prefix), for
    /// <c>dc+sd-jwt</c> from the credential's root.
    /// </summary>
    public List<string> Path { get; set; } = [];

    public bool Mandatory { get; set; }

    /// <summary>Expected JSON type of the value: <c>string</c>, <c>number</c>, <c>boolean</c>, <c>object</c> or <c>array</c>.</summary>
    public string? ValueType { get; set; }

    public List<DisplayOptions> Display { get; set; } = [];
}
