namespace GaiaX.Oid4vc.Credentials;

/// <summary>Credential Format Identifiers (OpenID4VCI 1.0 appendix A, OpenID4VP 1.0 appendix B).</summary>
public static class CredentialFormats
{
    /// <summary>A W3C VC secured as a JWT without JSON-LD processing: here VCDM 2.0 with VC-JOSE-COSE (<c>typ: vc+jwt</c>, <c>cty:
    /// vc</c>).</summary>
    public const string JwtVcJson = "jwt_vc_json";

    /// <summary>IETF SD-JWT VC.</summary>
    public const string SdJwtVc = "dc+sd-jwt";
}
