namespace GaiaX.Oid4vc.Compliance.Filters;

/// <summary>What is being assessed.</summary>
[Flags]
public enum ComplianceScope
{
    /// <summary>A VP-JWT with enveloped VC-JWTs (the standard-compliance API and <c>presentation-verified</c>).</summary>
    Presentation = 1,

    /// <summary>One VC-JWT before the Issuer releases it (<c>credential-prepared</c>).</summary>
    Credential = 2,

    Both = Presentation | Credential,
}
